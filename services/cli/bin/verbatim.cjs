#!/usr/bin/env node
// The installed `verbatim` command: runs the TypeScript entry under tsx, as `node --import tsx` (npm start) does,
// so adapters loaded with import() when chosen (the S3 store) resolve too. Exit status and signals pass through.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const loader = pathToFileURL(require.resolve('tsx')).href;
const entry = path.join(__dirname, '..', 'src', 'main.ts');
const child = spawn(process.execPath, ['--import', loader, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
