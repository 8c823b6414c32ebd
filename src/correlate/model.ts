/**
 * The insider-risk model as data: `data/risk-model.yaml` (or a file given with --risk-model),
 * validated with zod. Every weight, band, booster and sequence stage the scorer uses comes from
 * here, so changing a number in the file changes the score and nothing is hidden in code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOOKBACK_RE, TECHNIQUE_RE } from '../hunts/rule-schema.js';
import { isTimeZone } from './timezones.js';

export const DEFAULT_RISK_MODEL_FILE = fileURLToPath(new URL('../../data/risk-model.yaml', import.meta.url));

export const BAND_NAMES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Band = (typeof BAND_NAMES)[number];

export const HR_SCENARIOS = ['resignation', 'performance-improvement-plan', 'performance-review', 'job-level-change'] as const;
export type HrScenario = (typeof HR_SCENARIOS)[number];

const weight = z.number().min(0).max(1000);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 07:00');
const zone = z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or UTC');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const scenario = z.strictObject({
  indicator: z.string().min(1),
  weight,
  poorRatingAtMost: z.number().optional(),
  onlyDemotion: z.boolean().optional(),
});

export const RiskModelSchema = z.strictObject({
  version: z.literal(1),
  bands: z.strictObject({ low: z.number(), medium: z.number(), high: z.number(), critical: z.number() })
    .refine((b) => b.low <= b.medium && b.medium <= b.high && b.high <= b.critical, 'bands must ascend: low ≤ medium ≤ high ≤ critical'),
  correlation: z.strictObject({ window: z.string().regex(LOOKBACK_RE, 'a timespan such as 4h') }),
  rules: z.strictObject({ scale: z.number().min(0), overrides: z.record(z.string(), weight).default({}) }),
  watchlist: z.strictObject({
    daysBefore: z.number().min(0),
    daysAfter: z.number().min(0),
    scenarios: z.strictObject({
      resignation: scenario,
      'performance-improvement-plan': scenario,
      'performance-review': scenario,
      'job-level-change': scenario,
    }),
  }),
  offHours: z.strictObject({
    weight,
    workdayStart: clock,
    workdayEnd: clock,
    weekendDays: z.array(z.enum(WEEKDAYS)).default([]),
    minShare: z.number().gt(0).max(1),
  }),
  timeZones: z.strictObject({
    default: zone,
    accounts: z.record(z.string(), zone).default({}),
    devices: z.record(z.string(), zone).default({}),
  }),
  priorityContent: z.strictObject({
    folders: z.strictObject({ weight, values: z.array(z.string().min(1)) }),
    labels: z.record(z.string(), weight).default({}),
  }),
  volume: z.strictObject({
    weight,
    factor: z.number().gt(0),
    minimumEvents: z.number().min(1),
    measures: z.array(z.strictObject({ name: z.string().min(1), account: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), query: z.string().min(1) })),
  }),
  sequence: z.strictObject({
    stages: z.array(z.strictObject({
      name: z.string().min(1),
      label: z.string().min(1),
      techniques: z.array(z.string().regex(TECHNIQUE_RE)).min(1),
    })).min(2),
    complete: z.strictObject({ weight }),
    partial: z.strictObject({ weight, minStages: z.number().int().min(2) }),
  }),
});

export type RiskModel = z.infer<typeof RiskModelSchema>;

export class RiskModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RiskModelError';
  }
}

/** Parses and validates a model's YAML text; every problem is listed in one error. */
export function parseRiskModel(text: string, file = '<risk model>'): RiskModel {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new RiskModelError(`${file}: ${(err as Error).message}`);
  }
  const r = RiskModelSchema.safeParse(raw);
  if (!r.success) throw new RiskModelError(`${file}: invalid risk model:\n${r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  return r.data;
}

export function loadRiskModel(file: string = DEFAULT_RISK_MODEL_FILE): RiskModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RiskModelError(`cannot read risk model ${file}: ${(err as Error).message}`);
  }
  return parseRiskModel(text, file);
}

/** The band of a score: the highest band whose lower bound it reaches. */
export function bandOf(score: number, bands: RiskModel['bands']): Band {
  if (score >= bands.critical) return 'critical';
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  if (score >= bands.low) return 'low';
  return 'informational';
}
