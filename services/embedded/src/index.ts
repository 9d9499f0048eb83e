export { runProcess, type RunningProcess } from './run-process';
