/** The respond stage: Defender for Endpoint machine actions with dry run, approvals and an audit trail. */
export * from './actions.js';
export * from './actions-taken.js';
export * from './client.js';
export * from './config.js';
export * from './errors.js';
export * from './poll.js';
export * from './protected-assets.js';
export * from './render.js';
export * from './resolve-device.js';
export { respond, type RespondIo, type RespondRequest, type RespondResult } from './respond.js';
export * from './token.js';
export * from './recommend.js';
