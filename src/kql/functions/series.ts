/**
 * series_* functions (arrays as dynamic JSON), computed by the pure JavaScript UDF `harrier_series`
 * (src/engine/udfs-series.ts). Each call passes a constant function name and its compiled
 * arguments as one JSON array. Functions whose documented behaviour is not fully specified
 * (automatic period detection, decomposition, outliers, line fits, FFT) are not in this list and
 * are refused by the catalog with the reason from `refusals.ts`.
 */
import { defineFunctions, scalar, type FnArg, type FnContext, type ScalarFnDef } from './catalog.js';
import { as, literalNumber } from './common.js';

function call(name: string, args: readonly FnArg[], cx: FnContext): string {
  const out = cx.h('udfJson')('harrier_series', name, args.map((a) => ({ sql: as(a, 'dynamic', cx), t: 'dynamic' as const })));
  switch (cx.resultType) {
    case 'dynamic': case 'real': case 'long': case 'int': return cx.h('udfJsonAs')(out, cx.resultType === 'int' ? 'long' : cx.resultType);
    default: throw new Error(`not supported: ${name}() returning ${cx.resultType}`);
  }
}

const series = (name: string, check?: (args: readonly FnArg[]) => void): ScalarFnDef =>
  scalar((args, cx) => {
    check?.(args);
    return call(name, args, cx);
  });

const plain = (name: string) => series(name);

/** The series_* functions computed element by element in the UDF (no argument checks at compile time). */
export const SERIES_UDF_NAMES = [
  'series_abs', 'series_acos', 'series_asin', 'series_atan', 'series_ceiling', 'series_cos', 'series_exp',
  'series_floor', 'series_log', 'series_sign', 'series_sin', 'series_tan',
  'series_add', 'series_subtract', 'series_multiply', 'series_divide', 'series_pow',
  'series_equals', 'series_not_equals', 'series_greater', 'series_greater_equals', 'series_less', 'series_less_equals',
  'series_sum', 'series_product', 'series_dot_product', 'series_cosine_similarity', 'series_pearson_correlation',
  'series_stats_dynamic', 'series_iir', 'series_fill_const', 'series_fill_linear',
] as const;

const noPlaceholder = (name: string) => series(name, (args) => {
  if (args.length > 1) throw new Error(`not supported: ${name}() with a missing_value_placeholder (only null elements are filled)`);
});

defineFunctions({
  ...Object.fromEntries(SERIES_UDF_NAMES.map((n) => [n, plain(n)])),
  series_fill_forward: noPlaceholder('series_fill_forward'),
  series_fill_backward: noPlaceholder('series_fill_backward'),
  series_seasonal: series('series_seasonal', (args) => {
    const p = literalNumber(args[1]);
    if (p === undefined || p === -1) {
      throw new Error('not supported: series_seasonal() without an explicit period (automatic detection uses series_periods_detect, whose scoring is undocumented)');
    }
  }),
});
