/**
 * ClickHouse definitions of math, bitwise, statistics, hashing and calendar functions whose shared
 * SQL is DuckDB-only. Each follows the DuckDB engine's results (test/engine/clickhouse-golden.test.ts).
 */
import { aggregate, scalar, type FnArg, type FnContext, type FnDef } from '../../../kql/functions/catalog.js';
import { as, literalNumber, literalString, sqlStr, text } from '../../../kql/functions/common.js';
import { TICKS_AT_EPOCH } from '../../../kql/functions/udf.js';
import { jsonArray } from './dynamic.js';

const real = (a: FnArg, cx: FnContext) => as(a, 'real', cx);
const long = (a: FnArg, cx: FnContext) => as(a, 'long', cx);
const DT7 = "Nullable(DateTime64(7, 'UTC'))";

/** xxhash64 (seed 0) as Kusto's hash(): strings by their UTF-8 bytes, longs and datetimes by their 8 bytes. */
function xxhash64(a: FnArg, cx: FnContext): string {
  if (a.type === 'string') return `reinterpretAsInt64(xxHash64(${a.sql}))`;
  if (a.type === 'long' || a.type === 'timespan') return `reinterpretAsInt64(xxHash64(toInt64(${a.sql})))`;
  if (a.type === 'datetime') return `reinterpretAsInt64(xxHash64(toInt64(${cx.h('epochMicros')(a.sql)} * 10 + ${TICKS_AT_EPOCH})))`;
  throw new Error(`not supported: hash() of a ${a.type} value`);
}

const hash = scalar(([x, mod], cx) => {
  const h = xxhash64(x!, cx);
  if (!mod) return h;
  const m = long(mod, cx);
  return `CAST(if(${m} > 0, toInt64(((toInt128(${h}) % ${m}) + ${m}) % ${m}), NULL) AS Nullable(Int64))`;
});

/**
 * Sample statistics need two values: DuckDB gives null below that, ClickHouse NaN. The -Stable
 * variants (Welford's algorithm, as DuckDB's) keep near-constant inputs from cancelling out.
 */
function sampleStat(fn: 'stddevSamp' | 'varSamp' | 'stddevPop' | 'varPop', withIf: boolean): FnDef {
  const min = fn.endsWith('Samp') ? 2 : 1;
  return aggregate(([x, p], cx) => {
    const v = real(x!, cx);
    const cond = withIf ? `${v} IS NOT NULL AND ${p!.sql}` : `${v} IS NOT NULL`;
    return `if(countIf(${cond}) >= ${min}, ${fn}StableIf(${v}, ${cond}), NULL)`;
  });
}

/** Bitwise aggregates: null over no values (as DuckDB's bit_and). */
const bitAgg = (fn: string) => aggregate(([x]) => `if(count(${x!.sql}) = 0, NULL, ${fn}(${x!.sql}))`);

/** endof*(): one tick (100 ns) before the next period starts, as Kusto's …23:59:59.9999999. */
function endOf(interval: string, start: (d: string) => string): FnDef {
  return scalar(([d, offset], cx) => {
    const shifted = offset ? `(${d!.sql} + ${interval}(${long(offset, cx)}))` : d!.sql;
    return `(CAST(${start(shifted)} AS ${DT7}) + ${interval}(1) - toIntervalNanosecond(100))`;
  });
}

/** make_datetime(y, m, d[, h, mi, s]): null when the parts are not a calendar date and time. */
const makeDatetime = scalar((args, cx) => {
  const [y, mo, d, h, mi, s] = args.map((a) => real(a, cx));
  const sec = s ?? '0';
  const parts = [y!, mo!, d!, h ?? '0', mi ?? '0'].map((x) => `toInt64(${x})`);
  const built = `makeDateTime64(${parts.join(', ')}, toInt64(floor(${sec})), toInt64(round((${sec} - floor(${sec})) * 10000000)), 7, 'UTC')`;
  // makeDateTime64 clamps impossible parts (Feb 30 → Mar 1): those are null, as DuckDB's make_timestamp fails on them.
  const valid = `(${parts[1]} BETWEEN 1 AND 12 AND ${parts[2]} BETWEEN 1 AND toDayOfMonth(toLastDayOfMonth(makeDate32(${parts[0]}, ${parts[1]}, 1))) AND ${parts[3]} BETWEEN 0 AND 23 AND ${parts[4]} BETWEEN 0 AND 59 AND ${sec} >= 0 AND ${sec} < 60 AND ${parts[0]} BETWEEN 1900 AND 2299)`;
  return `if(${valid}, CAST(${built} AS ${DT7}), NULL)`;
});

const datetimePart = scalar(([p, d]) => {
  const part = (literalString(p!) ?? '').toLowerCase();
  const fns: Record<string, string> = {
    year: `toYear(${d!.sql})`, quarter: `toQuarter(${d!.sql})`, month: `toMonth(${d!.sql})`, week_of_year: `toISOWeek(${d!.sql})`,
    day: `toDayOfMonth(${d!.sql})`, dayofyear: `toDayOfYear(${d!.sql})`, hour: `toHour(${d!.sql})`, minute: `toMinute(${d!.sql})`, second: `toSecond(${d!.sql})`,
    millisecond: `intDiv(toUnixTimestamp64Micro(${d!.sql}) % 1000000, 1000)`, microsecond: `toUnixTimestamp64Micro(${d!.sql}) % 1000000`,
    nanosecond: `(toUnixTimestamp64Micro(${d!.sql}) % 1000000) * 1000`,
  };
  const fn = fns[part];
  if (!fn) throw new Error(`not supported: datetime_part '${part}'`);
  return `CAST(${fn} AS Nullable(Int32))`;
});

/** replace_strings with constant lists: simultaneous replacement via unique placeholders (as the shared definition). */
const replaceStrings = scalar(([s, from, to], cx) => {
  if (from!.ir.k !== 'lit' || to!.ir.k !== 'lit') throw new Error('not supported: replace_strings with non-constant lists');
  const f = JSON.parse(String(from!.ir.value)) as unknown[];
  const t = JSON.parse(String(to!.ir.value)) as unknown[];
  const valid = (x: unknown) => typeof x === 'string' && x !== '';
  const mark = (i: number) => `concat(char(1), ${sqlStr(String(i))}, char(2))`;
  let e = text(s!, cx);
  f.forEach((x, i) => { if (valid(x)) e = `replaceAll(${e}, ${sqlStr(String(x))}, ${mark(i)})`; });
  f.forEach((x, i) => { if (valid(x)) e = `replaceAll(${e}, ${mark(i)}, ${sqlStr(typeof t[i] === 'string' ? String(t[i]) : String(x))})`; });
  return e;
});

/** percentile(x, p): the nearest-rank value (the ceil(p/100 · n)-th smallest), as DuckDB's quantile_disc. */
const percentile = aggregate(([x, p], cx) => {
  const vals = `arraySort(groupArray(${x!.sql}))`;
  const rank = `toUInt64(greatest(ceil(${real(p!, cx)} / 100.0 * length(${vals})), 1))`;
  return `CAST(if(length(${vals}) = 0, NULL, ${vals}[${rank}]) AS ${cx.h('sqlType')(cx.resultType)})`;
});

/** percentiles_array(x, p1, p2, … | dynamic list): nearest-rank values as a JSON array, as `percentile`. */
const percentilesArray = aggregate(([x, ...ps], cx) => {
  if (!['int', 'long', 'real', 'decimal'].includes(x!.type)) throw new Error(`not supported: percentiles_array() of a ${x!.type} value (numeric values only)`);
  const pcts = ps.length === 1 && ps[0]!.type === 'dynamic'
    ? `arrayMap(__e -> toFloat64(__e), JSONExtractArrayRaw(coalesce(${ps[0]!.sql}, '')))`
    : `[${ps.map((q) => `toFloat64(${real(q, cx)})`).join(', ')}]`;
  const vals = `arraySort(groupArray(${x!.sql}))`;
  const at = `${vals}[toUInt64(greatest(ceil(__pct / 100.0 * length(${vals})), 1))]`;
  return `if(length(${vals}) = 0, NULL, ${jsonArray(`arrayMap(__pct -> ifNull(${cx.h('toJson')(at, x!.type)}, 'null'), ${pcts})`)})`;
});

/**
 * new_guid(): a distinct argument per call, or ClickHouse would compute two identical calls in one
 * row once (common subexpressions).
 */
let guidCalls = 0;

/** round(x[, digits]): half away from zero (ClickHouse's round is half-to-even for floats). */
const round = scalar(([a, p], cx) => {
  const x = real(a!, cx);
  const scale = p ? `pow(10, ${long(p, cx)})` : '1';
  return `CAST(sign(${x}) * floor(abs(${x}) * ${scale} + 0.5) / ${scale} AS ${cx.h('sqlType')(cx.resultType)})`;
});

/** make_timespan(h, m[, s]) / (d, h, m, s): ticks, rounded half away from zero as DuckDB's cast. */
const makeTimespan = scalar((args, cx) => {
  const [a, b, c, d] = args.map((x) => real(x, cx));
  const seconds = args.length === 2 ? `${a} * 3600 + ${b} * 60` : args.length === 3 ? `${a} * 3600 + ${b} * 60 + ${c}` : `${a} * 86400 + ${b} * 3600 + ${c} * 60 + ${d}`;
  return `CAST(${cx.h('roundHalfAway')(`(${seconds}) * 10000000`)} AS Nullable(Int64))`;
});

/**
 * datetime_local_to_utc: the wall-clock time `d` in zone `tz`, as .NET (and DuckDB's ICU) convert
 * it: of the offsets in force 6 hours either side, one that maps back to the same wall time; both
 * (a time repeated when clocks go back): the standard (smaller) offset; neither (a time skipped
 * when clocks go forward): the offset after the change. The zone must be a constant (a ClickHouse
 * type parameter): a per-row zone is refused.
 */
/** The zone of a datetime_*_local/utc call: ClickHouse takes a time zone only as a constant. */
function constantZone(tz: FnArg, fn: string): string {
  const zone = literalString(tz);
  if (zone === undefined) throw new Error(`not supported: ${fn}() with a time zone that is not a constant on the ClickHouse engine`);
  return sqlStr(zone);
}

const localToUtc = scalar(([d, tz]) => {
  const z = constantZone(tz!, 'datetime_local_to_utc');
  const guess = `toTimeZone(toDateTime64(toString(${d!.sql}), 7, ${z}), 'UTC')`;
  const offsetAt = (t: string) => `timeZoneOffset(toTimeZone(${t}, ${z}))`;
  return `CAST((WITH ${offsetAt(`${guess} - toIntervalHour(6)`)} AS __ob, ${offsetAt(`${guess} + toIntervalHour(6)`)} AS __oa,
    ${d!.sql} - toIntervalSecond(__ob) AS __cb, ${d!.sql} - toIntervalSecond(__oa) AS __ca,
    ${offsetAt('__cb')} = __ob AS __vb, ${offsetAt('__ca')} = __oa AS __va
    SELECT multiIf(__va AND __vb, if(__oa < __ob, __ca, __cb), __va, __ca, __vb, __cb, __ca)) AS ${DT7})`;
});
const utcToLocal = scalar(([d, tz]) =>
  `CAST(toDateTime64(toString(toTimeZone(${d!.sql}, ${constantZone(tz!, 'datetime_utc_to_local')})), 7, 'UTC') AS ${DT7})`);

/** format_bytes(n[, precision[, unit]]): fixed decimals rounded half to even, as DuckDB's fmt. */
const formatBytes = scalar(([n, prec, unit], cx) => {
  // ClickHouse formats with a constant number of decimals.
  const digits = prec ? literalNumber(prec) : 0;
  if (digits === undefined) throw new Error('not supported: format_bytes() with a non-constant precision on the ClickHouse engine');
  const p = String(Math.max(0, Math.trunc(digits)));
  const v = real(n!, cx);
  const units = `['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB']`;
  const idx = unit ? `(nullIf(indexOf(${units}, ${as(unit, 'string', cx)}), 0) - 1)` : `toInt32(least(5, greatest(0, floor(log(greatest(abs(${v}), 1)) / log(1024)))))`;
  return `coalesce(concat(toDecimalString(roundBankers(${v} / pow(1024, ${idx}), ${p}), ${p}), ' ', ${units}[${idx} + 1]), '')`;
});

export const CLICKHOUSE_NUMBER_TIME_FUNCTIONS: Readonly<Record<string, FnDef>> = {
  datetime_local_to_utc: localToUtc,
  datetime_utc_to_local: utcToLocal,
  format_bytes: formatBytes,
  percentiles_array: percentilesArray,
  round,
  make_timespan: makeTimespan,
  // avg over no values is NaN on ClickHouse, null on DuckDB (and in Kusto).
  avgif: aggregate(([x, p], cx) => `if(countIf(${real(x!, cx)} IS NOT NULL AND ${p!.sql}) = 0, NULL, avgIf(${real(x!, cx)}, ${p!.sql}))`),
  new_guid: scalar(() => `generateUUIDv4(${++guidCalls})`),
  // assert(condition, message): the query fails with the message when the condition is not true.
  assert: scalar(([c, msg], cx) => `(throwIf(NOT ifNull(${c!.sql}, false), ${as(msg!, 'string', cx)}) = 0)`),
  isnan: scalar(([a], cx) => `isNaN(${real(a!, cx)})`),
  isinf: scalar(([a], cx) => `isInfinite(${real(a!, cx)})`),
  isfinite: scalar(([a], cx) => `isFinite(${real(a!, cx)})`),
  percentile,
  make_list_with_nulls: aggregate(([x], cx) => jsonArray(`groupArray(ifNull(${as(x!, 'dynamic', cx)}, 'null'))`)),
  around: scalar(([v, c, d], cx) => {
    if (c!.type === 'datetime') return `(${v!.sql} BETWEEN ${cx.h('addMicros')(c!.sql, `-intDiv(${d!.sql}, 10)`)} AND ${cx.h('addMicros')(c!.sql, `intDiv(${d!.sql}, 10)`)})`;
    return `(${real(v!, cx)} BETWEEN ${real(c!, cx)} - ${real(d!, cx)} AND ${real(c!, cx)} + ${real(d!, cx)})`;
  }),
  cot: scalar(([a], cx) => `(1 / tan(${real(a!, cx)}))`),
  gamma: scalar(([a], cx) => `tgamma(${real(a!, cx)})`),
  erf: scalar(([a], cx) => `erf(${real(a!, cx)})`),
  erfc: scalar(([a], cx) => `erfc(${real(a!, cx)})`),
  binary_and: scalar(([a, b]) => `bitAnd(${a!.sql}, ${b!.sql})`),
  binary_or: scalar(([a, b]) => `bitOr(${a!.sql}, ${b!.sql})`),
  binary_xor: scalar(([a, b]) => `bitXor(${a!.sql}, ${b!.sql})`),
  binary_not: scalar(([a]) => `bitNot(${a!.sql})`),
  // Kusto: shift by (shift % 64), null for a negative shift. ClickHouse evaluates both branches of
  // if(), so the shift it is given is never negative.
  binary_shift_left: scalar(([a, b], cx) => shiftBy('bitShiftLeft', long(a!, cx), long(b!, cx))),
  binary_shift_right: scalar(([a, b], cx) => shiftBy('bitShiftRight', long(a!, cx), long(b!, cx))),
  bitset_count_ones: scalar(([a], cx) => `toInt64(bitCount(${long(a!, cx)}))`),
  binary_all_and: bitAgg('groupBitAnd'),
  binary_all_or: bitAgg('groupBitOr'),
  binary_all_xor: bitAgg('groupBitXor'),
  stdev: sampleStat('stddevSamp', false),
  stdevif: sampleStat('stddevSamp', true),
  stdevp: sampleStat('stddevPop', false),
  variance: sampleStat('varSamp', false),
  varianceif: sampleStat('varSamp', true),
  variancep: sampleStat('varPop', false),
  variancepif: sampleStat('varPop', true),
  covariance: aggregate(([x, y], cx) => `covarSampStable(${real(x!, cx)}, ${real(y!, cx)})`),
  covariancep: aggregate(([x, y], cx) => `covarPopStable(${real(x!, cx)}, ${real(y!, cx)})`),
  covarianceif: aggregate(([x, y, p], cx) => `covarSampStableIf(${real(x!, cx)}, ${real(y!, cx)}, ${p!.sql})`),
  covariancepif: aggregate(([x, y, p], cx) => `covarPopStableIf(${real(x!, cx)}, ${real(y!, cx)}, ${p!.sql})`),
  hash,
  hash_xxhash64: hash,
  endofday: endOf('toIntervalDay', (d) => `toStartOfDay(${d})`),
  endofmonth: endOf('toIntervalMonth', (d) => `toStartOfMonth(${d})`),
  endofyear: endOf('toIntervalYear', (d) => `toStartOfYear(${d})`),
  // Kusto weeks start on Sunday.
  endofweek: endOf('toIntervalWeek', (d) => `toStartOfWeek(${d}, 0)`),
  make_datetime: makeDatetime,
  datetime_part: datetimePart,
  replace_strings: replaceStrings,
};

function shiftBy(fn: string, value: string, shift: string): string {
  return `if(${shift} < 0, NULL, ${fn}(${value}, if(${shift} < 0, 0, ${shift} % 64)))`;
}
