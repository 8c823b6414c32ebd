/** Datetime and timespan functions. datetime = TIMESTAMP (µs), timespan = BIGINT ticks (100 ns). */
import { holdsTicks, timestampFromNanos } from '../../sql/ticks.js';
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { addTicks, as, literalString, sqlStr, text, ticksToMicros } from './common.js';

const us = (cx: FnContext, ts: string) => cx.h('epochMicros')(ts);
const fromUs = (cx: FnContext, micros: string) => cx.h('timestampFromMicros')(micros);

function startOf(unit: string) {
  return scalar(([d, offset], cx: FnContext) => {
    const base = cx.h('dateTrunc')(unit, d!.sql);
    if (!offset) return base;
    return `(${base} + to_${unit === 'week' ? 'days' : unit + 's'}(CAST(${as(offset, 'long', cx)} * ${unit === 'week' ? 7 : 1} AS ${unit === 'week' || unit === 'day' ? 'INTEGER' : 'INTEGER'})))`;
  });
}
/**
 * One Kusto tick (100 ns) before a boundary, as Kusto's endof*() give (…23:59:59.9999999): a
 * TIMESTAMP_NS, since DuckDB's TIMESTAMP holds microseconds. Its range ends in 2262.
 */
const lastTickBefore = (boundary: string) => timestampFromNanos(`epoch_ns(${boundary}) - 100`);

function endOf(unit: string) {
  return scalar(([d, offset], cx: FnContext) => {
    const start = startOf(unit).sql(offset ? [d!, offset] : [d!], cx);
    return lastTickBefore(`(${start} + INTERVAL 1 ${unit})`);
  });
}

const pad = (n: string, width: number) => (width <= 1 ? `CAST(${n} AS VARCHAR)` : `lpad(CAST(${n} AS VARCHAR), ${width}, '0')`);

/** f…f: the first n digits of the 7-digit tick fraction; F…F: the same without trailing zeros. */
function fraction(letter: string, n: number, fraction7: string): string | undefined {
  if ((letter !== 'f' && letter !== 'F') || n > 7) return undefined;
  const digits = `substr(${fraction7}, 1, ${n})`;
  return letter === 'f' ? digits : `rtrim(${digits}, '0')`;
}

/**
 * Kusto's format strings: runs of one letter are specifiers (`spec` gives their SQL or undefined
 * when unsupported, which refuses the call); the separators / - : , . _ [ ] and spaces are copied.
 */
function formatWith(fmt: string, spec: (letter: string, n: number) => string | undefined, fn: string): string {
  const parts: string[] = [];
  for (let i = 0; i < fmt.length;) {
    const c = fmt[i]!;
    let j = i;
    while (j < fmt.length && fmt[j] === c) j++;
    if (/[A-Za-z]/.test(c)) {
      const sql = spec(c, j - i);
      if (sql === undefined) throw new Error(`not supported: ${fn} format specifier ${fmt.slice(i, j)}`);
      parts.push(sql);
    } else if (/[/\-:,._[\] ]/.test(c)) parts.push(sqlStr(fmt.slice(i, j)));
    else throw new Error(`not supported: ${fn} format character ${c}`);
    i = j;
  }
  return parts.length ? `(${parts.join(' || ')})` : `''`;
}

/** Kusto week starts on Sunday; DuckDB's date_trunc('week') on Monday. */
const startOfWeek = scalar(([d, offset], cx) => `((CAST(${d!.sql} AS DATE) - CAST(dayofweek(${d!.sql}) AS INTEGER))::TIMESTAMP${offset ? ` + to_days(CAST(${as(offset, 'long', cx)} * 7 AS INTEGER))` : ''})`);

function binValue(v: FnArg, size: FnArg, cx: FnContext): string {
  if (v.type === 'datetime') {
    const step = ticksToMicros(as(size, 'timespan', cx), cx);
    return fromUs(cx, `CAST(floor(${us(cx, v.sql)} / ${step}) AS ${cx.h('sqlType')('long')}) * ${step}`);
  }
  if (v.type === 'timespan') return `CAST(floor(${v.sql} / ${as(size, 'long', cx)}) AS ${cx.h('sqlType')('long')}) * ${as(size, 'long', cx)}`;
  if (v.type === 'int' || v.type === 'long') return `CAST(floor(${v.sql} / ${as(size, 'real', cx)}) * ${as(size, 'real', cx)} AS ${cx.h('sqlType')('long')})`;
  return `(floor(${as(v, 'real', cx)} / ${as(size, 'real', cx)}) * ${as(size, 'real', cx)})`;
}

export const PART_UNITS: Readonly<Record<string, { trunc: string; ticks?: bigint }>> = {
  year: { trunc: 'year' }, quarter: { trunc: 'quarter' }, month: { trunc: 'month' }, week: { trunc: 'week', ticks: 6048000000000n },
  day: { trunc: 'day', ticks: 864000000000n }, hour: { trunc: 'hour', ticks: 36000000000n }, minute: { trunc: 'minute', ticks: 600000000n },
  second: { trunc: 'second', ticks: 10000000n }, millisecond: { trunc: 'millisecond', ticks: 10000n }, microsecond: { trunc: 'microsecond', ticks: 10n },
  nanosecond: { trunc: 'microsecond', ticks: 1n },
};

/** The unit argument of datetime_add/datetime_diff ('Day', 'days' …), lower case and singular. */
export function unitOf(a: FnArg): string {
  const u = (literalString(a) ?? '').toLowerCase().replace(/s$/, '');
  if (!PART_UNITS[u]) throw new Error(`not supported: datetime part '${u}'`);
  return u;
}

/** totimespan's text: [-][d.]hh:mm[:ss[.fffffff]] (groups: sign, days, hours, minutes, seconds, fraction). */
export const TIMESPAN_RE = '^(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?$';

defineFunctions({
  now: scalar(([offset], cx) => (offset ? `(${addTicks(cx.nowSql, offset.sql, cx)})` : cx.nowSql)),
  ago: scalar(([span], cx) => `(${addTicks(cx.nowSql, as(span!, 'timespan', cx), cx, '-')})`),
  bin: scalar(([v, size], cx) => binValue(v!, size!, cx)),
  floor: scalar(([v, size], cx) => binValue(v!, size!, cx)),
  bin_at: scalar(([v, size, at], cx) => {
    if (v!.type === 'datetime') {
      const step = ticksToMicros(as(size!, 'timespan', cx), cx);
      const origin = us(cx, at!.sql);
      return fromUs(cx, `CAST(floor((${us(cx, v!.sql)} - ${origin}) / ${step}) AS ${cx.h('sqlType')('long')}) * ${step} + ${origin}`);
    }
    const t = v!.type === 'timespan' ? 'long' : 'real';
    const e = `(floor((${as(v!, t, cx)} - ${as(at!, t, cx)}) / ${as(size!, t, cx)}) * ${as(size!, t, cx)} + ${as(at!, t, cx)})`;
    return cx.resultType === 'real' ? e : `CAST(${e} AS ${cx.h('sqlType')('long')})`;
  }),
  startofday: startOf('day'),
  startofmonth: startOf('month'),
  startofyear: startOf('year'),
  startofweek: startOfWeek,
  endofday: endOf('day'),
  endofmonth: endOf('month'),
  endofyear: endOf('year'),
  endofweek: scalar((args, cx) => lastTickBefore(`(${startOfWeek.sql(args, cx)} + INTERVAL 7 DAY)`)),
  dayofweek: scalar(([d]) => `(CAST(dayofweek(${d!.sql}) AS BIGINT) * 864000000000)`),
  dayofmonth: scalar(([d]) => `CAST(day(${d!.sql}) AS INTEGER)`),
  dayofyear: scalar(([d]) => `CAST(dayofyear(${d!.sql}) AS INTEGER)`),
  hourofday: scalar(([d]) => `CAST(hour(${d!.sql}) AS INTEGER)`),
  monthofyear: scalar(([d]) => `CAST(month(${d!.sql}) AS INTEGER)`),
  getmonth: scalar(([d]) => `CAST(month(${d!.sql}) AS INTEGER)`),
  getyear: scalar(([d]) => `CAST(year(${d!.sql}) AS INTEGER)`),
  weekofyear: scalar(([d]) => `CAST(weekofyear(${d!.sql}) AS INTEGER)`),
  datetime_part: scalar(([p, d], cx) => {
    const part = (literalString(p!) ?? '').toLowerCase();
    const map: Record<string, string> = { year: 'year', quarter: 'quarter', month: 'month', week_of_year: 'week', day: 'day', dayofyear: 'doy', hour: 'hour', minute: 'minute', second: 'second', millisecond: 'millisecond', microsecond: 'microsecond', nanosecond: 'nanosecond' };
    if (!map[part]) throw new Error(`not supported: datetime_part '${part}'`);
    if (part === 'millisecond') return `CAST(millisecond(${d!.sql}) % 1000 AS INTEGER)`;
    if (part === 'microsecond') return `CAST(microsecond(${d!.sql}) % 1000000 AS INTEGER)`;
    if (part === 'nanosecond') return `CAST((microsecond(${d!.sql}) % 1000000) * 1000 AS INTEGER)`;
    return `CAST(${cx.h('datePart')(map[part]!, d!.sql)} AS INTEGER)`;
  }),
  datetime_add: scalar(([p, n, d], cx) => {
    const unit = unitOf(p!);
    const amount = as(n!, 'long', cx);
    const ticks = PART_UNITS[unit]!.ticks;
    let sum: string;
    if (unit === 'year' || unit === 'quarter' || unit === 'month') {
      const months = unit === 'year' ? `${amount} * 12` : unit === 'quarter' ? `${amount} * 3` : amount;
      sum = `(${d!.sql} + to_months(CAST(${months} AS INTEGER)))`;
    } else {
      sum = `(${d!.sql} + to_microseconds(${ticksToMicros(`${amount} * ${ticks}`, cx)}))`;
    }
    // DuckDB's interval arithmetic returns microseconds: a TIMESTAMP_NS argument keeps its ticks.
    return holdsTicks(d!.sql) ? timestampFromNanos(`epoch_ns(${sum}) + (epoch_ns(${d!.sql}) - epoch_ns(CAST(${d!.sql} AS TIMESTAMP)))`) : sum;
  }),
  datetime_diff: scalar(([p, a, b], cx) => {
    const unit = unitOf(p!);
    if (unit === 'week') return `CAST(date_diff('week', ${b!.sql}::DATE - CAST(dayofweek(${b!.sql}) AS INTEGER), ${a!.sql}::DATE - CAST(dayofweek(${a!.sql}) AS INTEGER)) AS BIGINT)`;
    if (unit === 'nanosecond') return `(epoch_ns(${a!.sql}) - epoch_ns(${b!.sql}))`;
    return `CAST(date_diff(${JSON.stringify(unit).replaceAll('"', "'")}, ${PART_UNITS[unit]!.trunc === unit ? '' : ''}${b!.sql}, ${a!.sql}) AS BIGINT)`;
  }),
  make_datetime: scalar((args, cx) => {
    const [y, mo, d, h, mi, s] = args.map((a) => as(a, 'real', cx));
    // make_timestamp rolls 24:00 or 60 s over into the next day/minute; Kusto's parts must be in range.
    const inRange = `(${h ?? 0} BETWEEN 0 AND 23 AND ${mi ?? 0} BETWEEN 0 AND 59 AND ${s ?? 0} >= 0 AND ${s ?? 0} < 60)`;
    return `CASE WHEN ${inRange} THEN TRY(make_timestamp(CAST(${y} AS BIGINT), CAST(${mo} AS BIGINT), CAST(${d} AS BIGINT), CAST(${h ?? 0} AS BIGINT), CAST(${mi ?? 0} AS BIGINT), ${s ?? 0})) END`;
  }),
  make_timespan: scalar((args, cx) => {
    const a = args.map((x) => as(x, 'real', cx));
    if (a.length === 2) return `CAST((${a[0]} * 3600 + ${a[1]} * 60) * 10000000 AS BIGINT)`;
    if (a.length === 3) return `CAST((${a[0]} * 3600 + ${a[1]} * 60 + ${a[2]}) * 10000000 AS BIGINT)`;
    return `CAST((${a[0]} * 86400 + ${a[1]} * 3600 + ${a[2]} * 60 + ${a[3]}) * 10000000 AS BIGINT)`;
  }),
  unixtime_seconds_todatetime: scalar(([n], cx) => fromUs(cx, cx.h('roundHalfAway')(`${as(n!, 'real', cx)} * 1000000`))),
  unixtime_milliseconds_todatetime: scalar(([n], cx) => fromUs(cx, cx.h('roundHalfAway')(`${as(n!, 'real', cx)} * 1000`))),
  unixtime_microseconds_todatetime: scalar(([n], cx) => fromUs(cx, cx.h('roundHalfAway')(as(n!, 'real', cx)))),
  unixtime_nanoseconds_todatetime: scalar(([n], cx) => fromUs(cx, cx.h('roundHalfAway')(`${as(n!, 'real', cx)} / 1000`))),
  format_datetime: scalar(([d, f], cx) => {
    const fmt = literalString(f!);
    if (fmt === undefined) throw new Error('not supported: format_datetime with a non-constant format');
    const ts = d!.sql;
    const part = (p: string) => cx.h('datePart')(p, ts);
    const fraction7 = `lpad(CAST((${part('microseconds')} % 1000000) * 10 AS VARCHAR), 7, '0')`;
    const hour12 = `((${part('hour')} + 11) % 12 + 1)`;
    const spec = (letter: string, n: number): string | undefined => {
      switch (letter) {
        case 'y': return n === 1 ? `CAST(${part('year')} % 100 AS VARCHAR)` : n === 2 ? pad(`${part('year')} % 100`, 2) : n === 4 ? pad(part('year'), 4) : undefined;
        case 'M': return n <= 2 ? pad(part('month'), n) : undefined;
        case 'd': return n <= 2 ? pad(part('day'), n) : undefined;
        case 'H': return n <= 2 ? pad(part('hour'), n) : undefined;
        case 'h': return n <= 2 ? pad(hour12, n) : undefined;
        case 'm': return n <= 2 ? pad(part('minute'), n) : undefined;
        case 's': return n <= 2 ? pad(part('second'), n) : undefined;
        case 't': return n === 2 ? `CASE WHEN ${part('hour')} < 12 THEN 'AM' ELSE 'PM' END` : undefined;
        default: return fraction(letter, n, fraction7);
      }
    };
    return `coalesce(${formatWith(fmt, spec, 'format_datetime')}, '')`;
  }),
  format_timespan: scalar(([t, f], cx) => {
    const fmt = literalString(f!);
    if (fmt === undefined) throw new Error('not supported: format_timespan with a non-constant format');
    const ticks = `abs(${t!.sql})`;
    const secs = cx.h('intDiv')(ticks, '10000000');
    const fraction7 = `lpad(CAST(${ticks} % 10000000 AS VARCHAR), 7, '0')`;
    const spec = (letter: string, n: number): string | undefined => {
      switch (letter) {
        case 'd': return n <= 8 ? pad(cx.h('intDiv')(secs, '86400'), n) : undefined;
        case 'h': case 'H': return n <= 2 ? pad(`${cx.h('intDiv')(secs, '3600')} % 24`, n) : undefined;
        case 'm': return n <= 2 ? pad(`${cx.h('intDiv')(secs, '60')} % 60`, n) : undefined;
        case 's': return n <= 2 ? pad(`${secs} % 60`, n) : undefined;
        default: return fraction(letter, n, fraction7);
      }
    };
    return `coalesce(${formatWith(fmt, spec, 'format_timespan')}, '')`;
  }),
  totimespan: scalar(([a], cx) => {
    if (a!.type === 'timespan') return a!.sql;
    if (a!.type !== 'string' && a!.type !== 'dynamic') return `CAST(${as(a!, 'long', cx)} AS BIGINT)`;
    // [-][d.]hh:mm[:ss[.fffffff]] → ticks; anything else → null.
    const s = `trim(${text(a!, cx)})`;
    const re = sqlStr(TIMESPAN_RE);
    const g = (i: number) => `TRY_CAST(nullif(regexp_extract(${s}, ${re}, ${i}), '') AS BIGINT)`;
    const frac = `TRY_CAST(rpad(nullif(regexp_extract(${s}, ${re}, 6), ''), 7, '0') AS BIGINT)`;
    const ticks = `((coalesce(${g(2)}, 0) * 86400 + ${g(3)} * 3600 + ${g(4)} * 60 + coalesce(${g(5)}, 0)) * 10000000 + coalesce(${frac}, 0))`;
    return `CASE WHEN regexp_matches(${s}, ${re}) THEN CASE WHEN regexp_extract(${s}, ${re}, 1) = '-' THEN -${ticks} ELSE ${ticks} END END`;
  }),
  ingestion_time: scalar((_, cx) => `CAST(NULL AS ${cx.h('sqlType')('datetime')})`),
});

defineFunctions({
  /** Local wall-clock time in an IANA zone → UTC (the session zone is UTC). */
  // A wall time inside a DST gap (02:30 on a spring-forward day) takes the offset in force after
  // the gap, as Kusto does (ICU alone would use the one before).
  datetime_local_to_utc: scalar(([d, tz], cx) => {
    const z = text(tz!, cx);
    const u = `TRY(CAST(timezone(${z}, ${d!.sql}) AS TIMESTAMP))`;
    const back = `TRY(timezone(${z}, CAST(${u} AS TIMESTAMPTZ)))`;
    return `CASE WHEN ${back} <> ${d!.sql} THEN ${d!.sql} - (${back} - ${u}) ELSE ${u} END`;
  }),
  datetime_utc_to_local: scalar(([d, tz], cx) => `TRY(timezone(${text(tz!, cx)}, CAST(${d!.sql} AS TIMESTAMPTZ)))`),
});
