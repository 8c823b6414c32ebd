export * from './ddl.js';
export * from './open-store.js';
