/**
 * Azure Data Explorer through Microsoft's `azure-kusto-data` client (Kusto REST v2: `POST
 * {cluster}/v2/rest/query` with `{"db","csl"}`, an answer of frames whose `PrimaryResult` table is
 * taken). The client gets Harrier's token provider (client credentials via MSAL), so no other
 * credential flow runs. The raw row arrays are encoded into the JSON contract.
 */
import { Client, KustoConnectionStringBuilder } from 'azure-kusto-data';
import type { QueryResult } from '../engine/contract.js';
import { redact } from '../respond/config.js';
import { ConnectorError, type ServiceAuth } from './config.js';
import { encodeRows, kqlTypeOf, remoteResult } from './normalize.js';

export interface AdxOptions {
  readonly auth: ServiceAuth;
  readonly database: string;
}

export class AdxConnection {
  private readonly client: Client;

  constructor(private readonly opts: AdxOptions) {
    this.client = new Client(KustoConnectionStringBuilder.withTokenProvider(opts.auth.apiBase, opts.auth.token));
  }

  async query(text: string, maxRows: number): Promise<QueryResult> {
    const started = performance.now();
    let response;
    try {
      response = await this.client.execute(this.opts.database, text);
    } catch (err) {
      const e = err as { message?: string; response?: { status?: number } };
      const first = String(e.message ?? err).split('\n')[0]!;
      throw new ConnectorError(redact(`Azure Data Explorer query failed: ${first}`, this.opts.auth.secrets), 'remote', e.response?.status);
    }
    const table = response.primaryResults[0];
    if (!table) throw new ConnectorError('Azure Data Explorer answered without a primary result', 'remote');
    const columns = table.columns.map((c) => ({ name: c.name ?? '', type: kqlTypeOf(c.type) }));
    return remoteResult(columns, encodeRows(columns, table._rows as unknown[]), maxRows, performance.now() - started);
  }

  close(): void {
    this.client.close();
  }
}
