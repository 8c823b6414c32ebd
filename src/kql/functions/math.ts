/** Math functions over real/long values; domain errors give NULL rather than failing. */
import { defineFunctions, scalar, type FnContext } from './catalog.js';
import { as } from './common.js';

const U64_MAX = 'CAST(18446744073709551615 AS HUGEINT)';
const TWO_64 = 'CAST(18446744073709551616 AS HUGEINT)';
const TWO_63 = 'CAST(9223372036854775808 AS HUGEINT)';

const real1 = (f: (x: string) => string) => scalar(([a], cx: FnContext) => f(as(a!, 'real', cx)));

defineFunctions({
  abs: scalar(([a]) => `abs(${a!.sql})`),
  sign: scalar(([a]) => `sign(${a!.sql})`),
  round: scalar(([a, p], cx) => (p ? `round(${a!.sql}, CAST(${as(p, 'long', cx)} AS INTEGER))` : `round(${a!.sql})`)),
  ceiling: scalar(([a]) => `ceil(${a!.sql})`),
  sqrt: real1((x) => `CASE WHEN ${x} >= 0 THEN sqrt(${x}) END`),
  log: real1((x) => `CASE WHEN ${x} > 0 THEN ln(${x}) END`),
  log10: real1((x) => `CASE WHEN ${x} > 0 THEN log10(${x}) END`),
  log2: real1((x) => `CASE WHEN ${x} > 0 THEN log2(${x}) END`),
  exp: real1((x) => `exp(${x})`),
  exp2: real1((x) => `pow(2, ${x})`),
  exp10: real1((x) => `pow(10, ${x})`),
  pow: scalar(([a, b], cx) => `pow(${as(a!, 'real', cx)}, ${as(b!, 'real', cx)})`),
  sin: real1((x) => `sin(${x})`),
  cos: real1((x) => `cos(${x})`),
  tan: real1((x) => `tan(${x})`),
  cot: real1((x) => `cot(${x})`),
  asin: real1((x) => `asin(${x})`),
  acos: real1((x) => `acos(${x})`),
  atan: real1((x) => `atan(${x})`),
  atan2: scalar(([a, b], cx) => `atan2(${as(a!, 'real', cx)}, ${as(b!, 'real', cx)})`),
  pi: scalar(() => `pi()`),
  degrees: real1((x) => `degrees(${x})`),
  radians: real1((x) => `radians(${x})`),
  isnan: real1((x) => `isnan(${x})`),
  isinf: real1((x) => `isinf(${x})`),
  isfinite: real1((x) => `isfinite(${x})`),
  rand: scalar(([n], cx) => (n ? `CAST(floor(random() * ${as(n, 'real', cx)}) AS BIGINT)` : `random()`)),
  binary_and: scalar(([a, b]) => `(${a!.sql} & ${b!.sql})`),
  binary_or: scalar(([a, b]) => `(${a!.sql} | ${b!.sql})`),
  binary_xor: scalar(([a, b]) => `xor(${a!.sql}, ${b!.sql})`),
  binary_not: scalar(([a]) => `(~${a!.sql})`),
  // Kusto shifts by (shift % 64), null for a negative shift, and a left shift wraps in 64-bit two's
  // complement (DuckDB's << refuses negatives and overflow): shift the low 64 bits in HUGEINT,
  // keep them, and read them back as signed.
  binary_shift_left: scalar(([a, b], cx) => {
    const n = as(b!, 'long', cx);
    const bits = `((CAST(${as(a!, 'long', cx)} AS HUGEINT) & ${U64_MAX}) * (CAST(1 AS HUGEINT) << CAST(${n} % 64 AS INTEGER))) % ${TWO_64}`;
    return `CASE WHEN ${n} < 0 THEN NULL ELSE CAST((${bits} + ${TWO_63}) % ${TWO_64} - ${TWO_63} AS BIGINT) END`;
  }),
  binary_shift_right: scalar(([a, b], cx) => {
    const n = as(b!, 'long', cx);
    return `CASE WHEN ${n} < 0 THEN NULL ELSE (${as(a!, 'long', cx)} >> CAST(${n} % 64 AS INTEGER)) END`;
  }),
  max_of: scalar((args, cx) => `greatest(${args.map((a) => as(a, cx.resultType, cx)).join(', ')})`),
  min_of: scalar((args, cx) => `least(${args.map((a) => as(a, cx.resultType, cx)).join(', ')})`),
});

defineFunctions({
  gamma: real1((x) => `gamma(${x})`),
  loggamma: real1((x) => `lgamma(${x})`),
  bitset_count_ones: scalar(([a], cx) => `CAST(bit_count(${as(a!, 'long', cx)}) AS BIGINT)`),
  format_bytes: scalar(([n, prec, unit], cx) => {
    const p = prec ? `CAST(${as(prec, 'long', cx)} AS INTEGER)` : '0';
    const v = as(n!, 'real', cx);
    const units = `['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB']`;
    const idx = unit ? `list_position(${units}, ${as(unit, 'string', cx)}) - 1` : `CAST(least(5, greatest(0, floor(log(greatest(abs(${v}), 1)) / log(1024)))) AS INTEGER)`;
    return `(format('{:.{}f}', ${v} / pow(1024, ${idx}), ${p}) || ' ' || ${units}[${idx} + 1])`;
  }),
});

defineFunctions({
  // Computed by the harrier_erf/harrier_erfc UDFs (src/engine/udfs.ts), accurate to ~1e-16.
  erf: real1((x) => `harrier_erf(${x})`),
  erfc: real1((x) => `harrier_erfc(${x})`),
  assert: scalar(([c, msg], cx) => `CASE WHEN ${c!.sql} THEN TRUE ELSE error(${as(msg!, 'string', cx)}) END`),
});
