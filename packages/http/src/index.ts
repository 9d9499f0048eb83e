export * from './refusal-status';
export * from './session-cookie';
