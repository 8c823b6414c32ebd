/** Remote engines and collectors: Defender (Graph runHuntingQuery), Log Analytics, Azure Data Explorer. */
export { collectDefender, windowQuery, DEFENDER_ROW_CAP, DEFENDER_CALLS_PER_MINUTE, type CollectDefenderOptions, type CollectProgress, type CollectSummary } from './collect-defender.js';
export { ConnectorError, graphAuth, logAnalyticsAuth, adxAuth, type Env, type ServiceAuth } from './config.js';
export { openRemoteEngine, ENGINE_LABEL, type RemoteEngineOptions } from './remote-engine.js';
export { portabilityProblems, REMOTE_ENGINES, type RemoteEngineName } from './portability.js';
export { realClock, virtualClock, type Clock } from './clock.js';
export { RateLimiter } from './rate-limiter.js';
export { WindowPlanner, isoInterval } from './window-planner.js';
export { runHuntingQuery, GraphHuntingError } from './graph-hunting.js';
export { queryLogAnalytics } from './log-analytics.js';
