/** Evidence packages: export the events, queries and incident behind an incident with a hashed manifest; verify one. */
export * from './manifest.js';
export * from './export.js';
export * from './verify.js';
