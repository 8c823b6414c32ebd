export * from './kql-types.js';
export * from './mde-tables.js';
