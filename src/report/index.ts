/** The report stage: store facts + hunt run + incidents + audit trail → report model → report.md, report.html, ATT&CK layer. */
export * from './model.js';
export * from './store-facts.js';
export * from './engine-facts.js';
export * from './collect.js';
export * from './doc.js';
export * from './build-doc.js';
export * from './markdown.js';
export * from './html.js';
export * from './timeline-chart.js';
export * from './attack-layer.js';
export * from './attack-layer-schema.js';
export * from './write-report.js';
