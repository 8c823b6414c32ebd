/**
 * Writes a simulation into a Harrier store: opens the store (all MDE tables), attaches a scratch
 * staging database beside it and hands the fact tables to the generators. Generation is cut into
 * batches: at each boundary the new facts and dictionary entries are committed and a second
 * connection materializes that batch into the MDE tables while JS generates the next one. At the
 * end come the estate tables and the ground truth, and the scratch file is removed. DuckDB's memory
 * is capped so large runs stay within a fixed resident budget.
 */
import { rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openStore, type Store } from '../../store/index.js';
import { quoteString } from '../../sql/quote.js';
import { type Estate, PUBLIC_IP } from '../estate.js';
import { BINARIES, USER_PLACEHOLDER } from '../catalog.js';
import type { SimContext } from '../gen/context.js';
import { writeTruth } from '../truth.js';
import { batchStatements, estateStatements, setupStatements } from './materialize.js';
import { DimensionWriter, STG, createFacts, uploadDimension, type Facts } from './staging.js';

export interface StagingSession {
  readonly store: Store;
  readonly facts: Facts;
  /** Commits what was generated since the last call and materializes it in the background. */
  batch(ctx: SimContext): void;
  /** Last batch, estate tables, truth; drops the staging file. */
  finish(ctx: SimContext, range: { startUs: number; endUs: number }, onPhase?: (phase: string) => void): Promise<void>;
}

/**
 * How the simulator's connection writes the store (also what bench/simulate.ts gives DuckDB alone
 * for its copy floor, so both write under the same rules).
 */
export function storeWriteSettings(memoryLimit: string): string[] {
  return [
    `SET memory_limit = ${quoteString(memoryLimit)}`,
    `SET preserve_insertion_order = false`,
    // FSST/zstd analysis of high-entropy strings (hashes, paths) dominates write time; dictionary,
    // RLE and bit-packing still apply. The MDE tables have no floating-point columns: the float
    // codecs would only be tried on the staging facts (scratch data), so they are off as well.
    `SET disabled_compression_methods = 'fsst,zstd,dict_fsst,alp,alprd,chimp,patas'`,
    // Each batch INSERT leaves partly filled row groups; checkpoint vacuuming would re-read and
    // re-compress them into full ones (~8% of materialization CPU when measured). Contents are the same.
    `SET max_vacuum_tasks = 0`,
    // Bulk inserts flush each row group as soon as it is full instead of buffering several (a row
    // group of a wide, string-heavy MDE table is large before compression): lower peak memory.
    `SET write_buffer_row_group_count = 1`,
    `SET write_buffer_row_group_memory_limit = '256MB'`,
  ];
}

export async function openStaging(outPath: string, estate: Estate, memoryLimit = '800MB'): Promise<StagingSession> {
  const stagingPath = outPath === ':memory:' ? ':memory:' : `${outPath}.staging.duckdb`;
  if (stagingPath !== ':memory:') for (const f of [stagingPath, `${stagingPath}.wal`]) rmSync(f, { force: true });
  const store = await openStore(outPath);
  const c = store.connection;
  for (const sql of storeWriteSettings(memoryLimit)) await c.run(sql);
  await c.run(`ATTACH ${quoteString(stagingPath)} AS ${STG}`);
  const facts = await createFacts(c);
  await uploadEstate(c, estate);
  const dStr = await DimensionWriter.create(c, 'd_str', [['id', 'INTEGER'], ['s', 'VARCHAR']]);
  const dCmd = await DimensionWriter.create(c, 'd_cmd', [['id', 'INTEGER'], ['s', 'VARCHAR']]);
  const dEp = await DimensionWriter.create(c, 'd_ep', [['id', 'INTEGER'], ['ip', 'VARCHAR'], ['port', 'INTEGER'], ['url', 'VARCHAR'], ['proto', 'VARCHAR']]);
  const dFobj = await DimensionWriter.create(c, 'd_fobj', [['id', 'INTEGER'], ['path', 'VARCHAR'], ['name', 'VARCHAR'], ['size', 'DOUBLE'], ['label', 'VARCHAR'], ['ckey', 'VARCHAR']]);
  for (const sql of setupStatements()) await c.run(sql);
  const m = await store.instance.connect();
  // Each materializing join is written fact table first, and the fact table must stay the probe
  // side: then events reach the MDE tables in generation order (device by device).
  // DuckDB's optimizer would otherwise build the hash table on the batch's facts and emit rows
  // interleaved across thousands of processes, and compressing such interleaved wide rows is what
  // made the INSERTs slow (1.2-3x per INSERT when measured; README, Benchmarks).
  await m.run(`SET disabled_optimizers = 'build_side_probe_side'`);

  let last = { pk: 0, rid: 0, fobj: 0, str: 0, cmd: 0, ep: 0 };
  let pending: Promise<void> = Promise.resolve();
  const run = async (conn: DuckDBConnection, sqls: readonly string[]) => {
    for (const sql of sqls) await conn.run(sql);
  };

  const session: StagingSession = {
    store,
    facts,
    batch(ctx) {
      for (const f of Object.values(facts)) f.commit();
      const strs = ctx.strings.takeNew();
      dStr.append(strs.map((s, i) => [last.str + i, s]));
      const cmds = ctx.commands.takeNew();
      dCmd.append(cmds.map((s, i) => [last.cmd + i, s]));
      const eps = ctx.endpoints.takeNew();
      dEp.append(eps.map((e, i) => [last.ep + i, e.ip, e.port, e.url, e.protocol]));
      const fobjs = ctx.files.takeNew();
      dFobj.append(fobjs.map((f, i) => [last.fobj + i, f.path, f.name, f.size, f.label, `${estate.seed}|${f.content}`]));
      const next = { pk: ctx.pkNext, rid: ctx.ridNext, fobj: last.fobj + fobjs.length, str: last.str + strs.length, cmd: last.cmd + cmds.length, ep: last.ep + eps.length };
      const sqls = batchStatements({ pkLo: last.pk, pkHi: next.pk, ridLo: last.rid, ridHi: next.rid, fobjLo: last.fobj, fobjHi: next.fobj, bootPkEnd: ctx.bootPkEnd });
      last = next;
      pending = pending.then(() => run(m, sqls));
      pending.catch(() => undefined); // surfaced by finish()
    },
    async finish(ctx, range, onPhase) {
      session.batch(ctx);
      // Generation is over: the interning maps (hundreds of MB on large runs) go now, not after
      // DuckDB has caught up, so they do not add to DuckDB's own peak during the last batches.
      ctx.strings.release();
      ctx.commands.release();
      ctx.endpoints.release();
      ctx.files.release();
      collectGarbage();
      onPhase?.('materialize last batch');
      await pending;
      for (const f of Object.values(facts)) f.close();
      for (const d of [dStr, dCmd, dEp, dFobj]) d.close();
      onPhase?.('estate tables');
      await run(m, estateStatements({ ridBase: 10_000_000_000, ...range }));
      m.closeSync();
      onPhase?.('truth');
      await writeTruth(c, ctx.truth);
      await c.run(`DETACH ${STG}`);
      onPhase?.('checkpoint');
      await c.run('CHECKPOINT');
      if (stagingPath !== ':memory:') for (const f of [stagingPath, `${stagingPath}.wal`]) rmSync(f, { force: true });
    },
  };
  return session;
}

async function uploadEstate(c: DuckDBConnection, estate: Estate): Promise<void> {
  await uploadDimension(c, 'd_usr', [['id', 'INTEGER'], ['dom', 'VARCHAR'], ['name', 'VARCHAR'], ['sid', 'VARCHAR'], ['upn', 'VARCHAR'], ['oid', 'VARCHAR']],
    estate.accounts.map((a) => [a.id, a.domain, a.name, a.sid, a.upn, a.objectId]));
  await uploadDimension(c, 'd_bin', [['id', 'INTEGER'], ['fname', 'VARCHAR'], ['path', 'VARCHAR'], ['company', 'VARCHAR'], ['product', 'VARCHAR'], ['version', 'VARCHAR'],
    ['internal', 'VARCHAR'], ['original', 'VARCHAR'], ['descr', 'VARCHAR'], ['size', 'DOUBLE'], ['signer', 'VARCHAR'], ['sigstat', 'VARCHAR'], ['sha1', 'VARCHAR'], ['sha256', 'VARCHAR'], ['md5', 'VARCHAR'], ['per_user', 'INTEGER']],
    BINARIES.map((b) => [b.id, b.fileName, b.path, b.company, b.product, b.version, b.fileName.replace(/\.[^.]*$/, ''), b.fileName, b.description, b.size, b.signerType,
      b.signatureStatus, b.sha1, b.sha256, b.md5, b.path.includes(USER_PLACEHOLDER) ? 1 : 0]));
  await uploadDimension(c, 'd_dev', [['id', 'INTEGER'], ['did', 'VARCHAR'], ['dname', 'VARCHAR'], ['ip', 'VARCHAR'], ['mac', 'VARCHAR'], ['public_ip', 'VARCHAR'],
    ['os_platform', 'VARCHAR'], ['os_build', 'INTEGER'], ['os_version', 'VARCHAR'], ['aad_id', 'VARCHAR'], ['logged_on', 'VARCHAR'], ['machine_group', 'VARCHAR'],
    ['device_type', 'VARCHAR'], ['model', 'VARCHAR'], ['vendor', 'VARCHAR'], ['exposure', 'VARCHAR'], ['asset_value', 'VARCHAR']],
    estate.devices.map((d) => {
      const u = estate.accounts[d.primaryUser]!;
      const ws = d.role === 'workstation';
      const logged = ws ? JSON.stringify([{ UserName: u.name, DomainName: u.domain.toUpperCase(), Sid: u.sid }]) : '[]';
      return [d.id, d.deviceId, d.name, d.ip, d.mac, PUBLIC_IP, d.osPlatform, d.osBuild, d.osVersion, d.aadDeviceId, logged,
        ws ? 'Workstations' : 'Servers', ws ? 'Workstation' : 'Server', d.model, d.vendor, ws ? 'Low' : 'Medium', ws ? 'Normal' : 'High'];
    }));
}

/**
 * A full garbage collection now. After generation the JS thread only waits on DuckDB and allocates
 * almost nothing, so V8 would not collect the released dictionaries (~0.5 GB of heap on a
 * 20M-event run) before DuckDB's own memory peaks: measured peak RSS 1.92–2.02 GiB without this,
 * 1.61 GiB with it. Setting `--expose-gc` at run time (v8.setFlagsFromString) only gives new
 * contexts a `gc` function; if that is ever refused, V8 reclaims the heap later on its own.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // No gc available: nothing lost but the earlier reclaim.
  }
}
