/** Entry of the `verbatim` command (bin/verbatim.cjs runs it through tsx). */
import { buildProgram } from './program';

buildProgram()
  .parseAsync(process.argv)
  .then(
    // Exit once done: an open handle (a Redis connection being closed) must not keep a finished command alive.
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
