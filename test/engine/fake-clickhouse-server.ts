/**
 * A local stand-in for a ClickHouse server's HTTP interface, backed by chDB (the same ClickHouse
 * engine): enough of the protocol for @clickhouse/client — the query in the `query` parameter or
 * the body, settings as URL parameters, basic or X-ClickHouse-User/Key authentication, an INSERT
 * body in the format the query names, errors as HTTP 500 with ClickHouse's message. It records
 * what each request carried, so tests can assert on it. Test code only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Session } from 'chdb';

export interface SeenRequest {
  readonly user: string;
  readonly query: string;
  readonly settings: Readonly<Record<string, string>>;
}

export interface FakeClickHouse {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

const NOT_SETTINGS = new Set(['query', 'database', 'default_format', 'query_id', 'session_id', 'user', 'password', 'enable_http_compression', 'wait_end_of_query']);

function credentials(req: IncomingMessage): { user: string; password: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const [user, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    return { user: user ?? '', password: rest.join(':') };
  }
  return { user: String(req.headers['x-clickhouse-user'] ?? 'default'), password: String(req.headers['x-clickhouse-key'] ?? '') };
}

export async function startFakeClickHouse(dataDir: string, auth: { user: string; password: string }): Promise<FakeClickHouse> {
  const session = new Session(dataDir);
  const scratch = mkdtempSync(join(tmpdir(), 'fake-ch-'));
  const seen: SeenRequest[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = Buffer.concat(chunks);
      const who = credentials(req);
      if (who.user !== auth.user || who.password !== auth.password) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`Code: 516. DB::Exception: ${who.user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`);
        return;
      }
      const settings: Record<string, string> = {};
      for (const [k, v] of url.searchParams) if (!NOT_SETTINGS.has(k)) settings[k] = v;
      let query = url.searchParams.get('query') ?? body.toString('utf8');
      seen.push({ user: who.user, query, settings });
      const settingsClause = Object.keys(settings).length ? ` SETTINGS ${Object.entries(settings).map(([k, v]) => `${k} = ${/^-?\d+$/.test(v) ? v : `'${v.replaceAll("'", "\\'")}'`}`).join(', ')}` : '';
      try {
        const insert = /^INSERT INTO (\S+) FORMAT (\w+)\s*$/i.exec(query);
        let out: string;
        if (insert && url.searchParams.has('query')) {
          const file = join(scratch, `insert-${++n}`);
          writeFileSync(file, body);
          out = session.query(`INSERT INTO ${insert[1]} SELECT * FROM file('${file}', '${insert[2]}')`, 'CSV');
        } else {
          const fmt = /\sFORMAT\s+(\w+)\s*$/i.exec(query);
          if (fmt) query = query.slice(0, fmt.index);
          out = session.query(`${query}${settingsClause}`, fmt?.[1] ?? 'TabSeparated');
        }
        res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-summary': '{}' });
        res.end(out);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain', 'x-clickhouse-exception-code': '62' });
        res.end(err instanceof Error ? err.message : String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      session.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
