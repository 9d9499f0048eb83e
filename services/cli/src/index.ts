export { buildProgram } from './program';
export { COMMANDS } from './commands';
export type { CliCommand } from './cli-command';
