export * from './csv-download';
export * from './refusal-status';
export * from './session-cookie';
export * from './sign-in-refusal';
export * from './input-text';
