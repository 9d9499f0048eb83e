export * from './csv-download';
export * from './refusal-status';
export * from './session-cookie';
export * from './sign-in-refusal';
export * from './input-text';
export * from './oidc/openid-client.provider';
export * from './oidc/oidc-cookie';
