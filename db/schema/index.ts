export * from './roles';
export * from './users';
export * from './workspaces';
export * from './platform';
export * from './identity';
export * from './jobs';
export * from './billing';
export * from './api-keys';
