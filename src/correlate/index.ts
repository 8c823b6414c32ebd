/** The correlate stage: findings → incidents with an explainable insider-risk score, and the device timeline. */
export * from './model.js';
export * from './timezones.js';
export * from './watchlist.js';
export * from './correlate.js';
export * from './evidence.js';
export * from './artifacts.js';
export * from './sequence.js';
export * from './links.js';
export * from './baseline.js';
export * from './score.js';
export * from './build.js';
export * from './incident-json.js';
