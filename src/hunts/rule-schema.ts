/**
 * The zod schema of a hunt rule file. It is a superset of the Microsoft Sentinel hunting-query YAML
 * (id, name, description, requiredDataConnectors, tactics, relevantTechniques, query,
 * entityMappings, version, metadata…), so community files load as-is: unknown keys are kept, not
 * refused. Harrier adds severity, weight, kind, lookback, parameters/exclusions (lists as data) and
 * tests (fixture paths). Parsing never throws: callers map zod issues to file:line.
 */
import { z } from 'zod';

/** A KQL identifier usable as a `let` name injected before the rule's query. */
export const PARAM_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A KQL timespan literal of one unit, as accepted by `--lookback` and the rule's `lookback`. */
export const LOOKBACK_RE = /^\d+(\.\d+)?(d|h|m|s|ms)$/;
export const TECHNIQUE_RE = /^T\d{4}(\.\d{3})?$/;

/** A parameter value: strings inline, or a reference to a list file in a `lists/` folder. */
export const ParamValue = z.union([
  z.array(z.string()),
  z.strictObject({ list: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'list names are kebab-case file names without extension') }),
]);
export type ParamValue = z.infer<typeof ParamValue>;

const ParamMap = z.record(z.string().regex(PARAM_NAME_RE, 'parameter names must be KQL identifiers'), ParamValue);

const FieldMapping = z.looseObject({ identifier: z.string(), columnName: z.string() });
export const EntityMapping = z.looseObject({ entityType: z.string(), fieldMappings: z.array(FieldMapping).min(1) });
export type EntityMapping = z.infer<typeof EntityMapping>;

const stringList = z.array(z.string());
const oneOrMany = z.union([z.string(), stringList]).transform((v) => (typeof v === 'string' ? [v] : v));

export const SEVERITIES = ['informational', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RuleSchema = z.looseObject({
  id: z.guid('id must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'),
  name: z.string().trim().min(1),
  description: z.string().default(''),
  tactics: stringList.default([]),
  relevantTechniques: z.array(z.string().regex(TECHNIQUE_RE, 'techniques look like T1560 or T1560.001')).default([]),
  query: z.string().refine((q) => q.trim().length > 0, 'query is empty'),
  entityMappings: z.array(EntityMapping).default([]),
  // Sentinel analytics rules say Informational/Low/Medium/High; accept any case.
  severity: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(SEVERITIES)).default('medium'),
  /** Contribution of one finding of this rule to an entity's risk score (0–100). */
  weight: z.number().min(0).max(100).default(10),
  // Sentinel analytics files say `kind: Scheduled` or `NRT`: those are detections.
  kind: z.preprocess(
    (v) => (typeof v === 'string' && /^(scheduled|nrt)$/i.test(v) ? 'detection' : v),
    z.enum(['hunt', 'detection']),
  ).default('hunt'),
  lookback: z.string().regex(LOOKBACK_RE, 'lookback is a KQL timespan such as 72h, 7d, 30m').optional(),
  /** Named lists injected as `let Name = dynamic([...]);` (e.g. cloud-storage domains). */
  parameters: ParamMap.default({}),
  /** Allowlists as data (sanctioned scanners, backup accounts…), injected like parameters. */
  exclusions: ParamMap.default({}),
  /** Fixture files (JSON lines of `{table, row}`), relative to the rule file. */
  tests: z.strictObject({ positive: oneOrMany, negative: oneOrMany }).optional(),
});

export type HuntRule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;

/** A list file in a `lists/` folder: `name`, `description`, `values`. */
export const ListFileSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  description: z.string().default(''),
  values: z.array(z.string()).min(1),
});
export type ListFile = z.infer<typeof ListFileSchema>;
