/**
 * Datetimes with Kusto's 100 ns ticks below the microsecond. DuckDB's TIMESTAMP holds
 * microseconds, so such values are built as TIMESTAMP_NS by one function, and SQL that builds one is
 * recognised by it: the engine then returns datetimes uncut, a datatable keeps the type, and
 * datetime_add keeps the ticks. Every producer must go through `timestampFromNanos`.
 */
const FN = 'make_timestamp_ns';

/** SQL for the datetime `nanos` (SQL, nanoseconds since the epoch) with its sub-microsecond ticks. */
export const timestampFromNanos = (nanos: string) => `${FN}(${nanos})`;

/** True when `sql` may yield a datetime with sub-microsecond ticks. */
export const holdsTicks = (sql: string) => sql.includes(`${FN}(`);
