export { runProcess, type RunningProcess } from './run-process';
export { runDemo, type DemoOptions } from './demo';
