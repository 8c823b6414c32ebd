/** The hunts stage: rule files → findings. Public API used by the CLI, the demo and correlation. */
export * from './rule-schema.js';
export * from './load-rules.js';
export * from './lists.js';
export * from './render-query.js';
export * from './findings.js';
export * from './run-hunts.js';
export * from './lint.js';
export * from './score-truth.js';
export * from './check-fixtures.js';
export { openHuntEngine } from './engine.js';
export type { KqlEngine as KqlEngineLike } from '../engine/contract.js';
export * from './sentinel-compat.js';
export * from './fixtures.js';
