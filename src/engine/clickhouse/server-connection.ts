/**
 * A ClickHouse server (or cluster entry point) over HTTP(S) through @clickhouse/client. The URL
 * comes from --clickhouse-url (or HARRIER_CLICKHOUSE_URL); user, password and database from
 * HARRIER_CLICKHOUSE_USER / HARRIER_CLICKHOUSE_PASSWORD / HARRIER_CLICKHOUSE_DATABASE, never from
 * the command line. Query connections send `readonly=2` with every query; the password never
 * appears in an error message.
 */
import { createReadStream } from 'node:fs';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { QUERY_SETTINGS, type ChConnection, type ChResult } from './connection.js';

export interface ServerOptions {
  readonly url: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly writable: boolean;
}

export class ClickHouseServerError extends Error {}

export function openClickHouseServer(opts: ServerOptions): ChConnection {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new ClickHouseServerError(`--clickhouse-url is not a URL: ${opts.url}`);
  }
  if (url.username || url.password) throw new ClickHouseServerError('put the ClickHouse user and password in HARRIER_CLICKHOUSE_USER / HARRIER_CLICKHOUSE_PASSWORD, not in the URL');
  const password = opts.env['HARRIER_CLICKHOUSE_PASSWORD'] ?? '';
  const scrub = (msg: string) => (password ? msg.replaceAll(password, '***') : msg);
  const settings: Record<string, string> = { ...QUERY_SETTINGS, ...(opts.writable ? {} : { readonly: '2' }) };
  const client: ClickHouseClient = createClient({
    url: url.toString(),
    username: opts.env['HARRIER_CLICKHOUSE_USER'] ?? 'default',
    password,
    ...(opts.env['HARRIER_CLICKHOUSE_DATABASE'] ? { database: opts.env['HARRIER_CLICKHOUSE_DATABASE'] } : {}),
    clickhouse_settings: settings as never,
    // Failures reach the user once, as Harrier's own error (password scrubbed); no library log lines.
    log: { level: ClickHouseLogLevel.OFF },
  });
  const fail = (err: unknown): never => {
    throw new ClickHouseServerError(`ClickHouse server ${url.origin}: ${scrub(err instanceof Error ? err.message : String(err))}`);
  };
  return {
    description: `ClickHouse server ${url.origin}`,
    async query(sql, o) {
      try {
        const rs = await client.query({
          query: sql,
          format: 'JSONCompact',
          ...(o?.timeoutSeconds ? { clickhouse_settings: { max_execution_time: Math.max(1, Math.ceil(o.timeoutSeconds)) } } : {}),
          ...(o?.signal ? { abort_signal: o.signal } : {}),
        });
        return (await rs.json()) as unknown as ChResult;
      } catch (err) {
        return fail(err);
      }
    },
    async command(sql) {
      if (!opts.writable) throw new Error('internal: command on a read-only ClickHouse connection');
      await client.command({ query: sql }).catch(fail);
    },
    async insertParquet(table, file) {
      if (!opts.writable) throw new Error('internal: insert on a read-only ClickHouse connection');
      await client.insert({ table, values: createReadStream(file), format: 'Parquet' }).catch(fail);
    },
    close() {
      void client.close();
    },
  };
}
