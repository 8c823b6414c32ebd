/** The tamper-evident audit trail: append, verify, read. */
export * from './chain.js';
export * from './append.js';
export * from './verify.js';
export * from './location.js';
