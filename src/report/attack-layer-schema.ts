/**
 * The ATT&CK Navigator layer file format, version 4.x (fields of LAYERFORMATv4_5), as a zod
 * schema: what `harrier report --attack-layer` writes is checked against it before writing, and
 * the tests check the file with it.
 */
import { z } from 'zod';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'a hex colour such as #ff6666');
const metadata = z.array(z.union([z.strictObject({ name: z.string(), value: z.string() }), z.strictObject({ divider: z.boolean() })]));
const links = z.array(z.union([z.strictObject({ label: z.string(), url: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\//i) }), z.strictObject({ divider: z.boolean() })]));

export const NavigatorTechniqueSchema = z.strictObject({
  techniqueID: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  tactic: z.string().regex(/^[a-z]+(-[a-z]+)*$/).optional(),
  comment: z.string().optional(),
  enabled: z.boolean().optional(),
  score: z.number().optional(),
  color: z.union([colour, z.literal('')]).optional(),
  metadata: metadata.optional(),
  links: links.optional(),
  showSubtechniques: z.boolean().optional(),
});

export const NavigatorLayerSchema = z.strictObject({
  versions: z.strictObject({
    attack: z.string().optional(),
    navigator: z.string().regex(/^\d+\.\d+\.\d+$/),
    layer: z.string().regex(/^4\.\d+$/, 'layer format 4.x'),
  }),
  name: z.string().min(1),
  description: z.string().optional(),
  domain: z.enum(['enterprise-attack', 'mobile-attack', 'ics-attack']),
  customDataURL: z.string().optional(),
  filters: z.strictObject({ platforms: z.array(z.string()).optional() }).optional(),
  sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  layout: z.strictObject({
    layout: z.enum(['side', 'flat', 'mini']).optional(),
    showID: z.boolean().optional(),
    showName: z.boolean().optional(),
    showAggregateScores: z.boolean().optional(),
    countUnscored: z.boolean().optional(),
    aggregateFunction: z.enum(['average', 'min', 'max', 'sum']).optional(),
    expandedSubtechniques: z.enum(['none', 'all', 'annotated']).optional(),
  }).optional(),
  hideDisabled: z.boolean().optional(),
  techniques: z.array(NavigatorTechniqueSchema).optional(),
  gradient: z.strictObject({ colors: z.array(colour).min(2), minValue: z.number(), maxValue: z.number() })
    .refine((g) => g.maxValue > g.minValue, 'maxValue must be > minValue').optional(),
  legendItems: z.array(z.strictObject({ label: z.string(), color: colour })).optional(),
  showTacticRowBackground: z.boolean().optional(),
  tacticRowBackground: colour.optional(),
  selectTechniquesAcrossTactics: z.boolean().optional(),
  selectSubtechniquesWithParent: z.boolean().optional(),
  selectVisibleTechniques: z.boolean().optional(),
  metadata: metadata.optional(),
  links: links.optional(),
});

export type NavigatorLayer = z.infer<typeof NavigatorLayerSchema>;
