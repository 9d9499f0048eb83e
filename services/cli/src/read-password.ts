import { CliUsageError } from './cli-command';

/** The first line of standard input: `printf '%s\n' "$PASSWORD" | verbatim users create …`. */
export async function readPassword(
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<string> {
  if (input.isTTY) process.stderr.write('password (12 characters or more), then Enter and Ctrl-D: ');
  let text = '';
  for await (const chunk of input) text += String(chunk);
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password.length === 0) throw new CliUsageError('no password on standard input');
  return password;
}
