/**
 * Golden tests of the ClickHouse dialect: the same KQL runs on the DuckDB engine and on chDB over
 * the same simulated estate (copied from the DuckDB store), and the results must be equal. Row
 * order is compared only where the query orders totally; elsewhere rows compare as multisets, and
 * make_set/make_list arrays as sets of elements (Kusto leaves their order unspecified). Every
 * function the ClickHouse dialect accepts must be used by one of these queries.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../../src/simulate/simulate.js';
import { openStore } from '../../src/store/index.js';
import { openEngine, QueryError, type KqlEngine, type QueryResult } from '../../src/engine/index.js';
import { openChdb } from '../../src/engine/clickhouse/connection.js';
import { openClickHouseEngine } from '../../src/engine/clickhouse/engine.js';
import { copyDuckdbToClickHouse } from '../../src/store/clickhouse/copy-from-duckdb.js';
import { CLICKHOUSE_SHARED_FUNCTIONS } from '../../src/sql/dialects/clickhouse/shared.js';
import { CLICKHOUSE_OVERRIDES } from '../../src/sql/dialects/clickhouse/overrides.js';
import { canonicalRow } from '../conformance/cross-check.js';

const NOW = new Date('2026-11-25T12:00:00Z');

/** [query, ordered]: ordered queries sort on a total key, so row order must match too. */
const GOLDEN: readonly (readonly [string, boolean])[] = [
  ['DeviceProcessEvents | count', false],
  ['DeviceProcessEvents | summarize n = count(), devices = dcount(DeviceId), earliest = min(Timestamp), latest = max(Timestamp) by DeviceName', false],
  ['DeviceProcessEvents | where FileName =~ "7Z.EXE" | project Timestamp, DeviceName, ProcessCommandLine, ReportId', false],
  ['DeviceProcessEvents | where FileName !~ "svchost.exe" and FileName != "" | summarize count() by FileName', false],
  ['DeviceProcessEvents | where ProcessCommandLine contains "hermes" or ProcessCommandLine contains_cs "Temp" | project ReportId, FileName', false],
  ['DeviceProcessEvents | where ProcessCommandLine !contains "windows" and ProcessCommandLine !contains_cs "Program" | project ReportId', false],
  ['DeviceFileEvents | where FolderPath startswith "c:\\\\users" and FileName endswith ".DOCX" | project ReportId, FolderPath, FileName', false],
  ['DeviceFileEvents | where FolderPath startswith_cs "C:\\\\Users" and FileName endswith_cs ".pdf" | project ReportId', false],
  ['DeviceFileEvents | where FolderPath !startswith "c:\\\\windows" and FileName !endswith ".dll" and FolderPath !startswith_cs "C:" and FileName !endswith_cs "x" | project ReportId', false],
  ['DeviceNetworkEvents | where RemoteUrl has "dropbox" or RemoteUrl has_cs "microsoft" | summarize c = count() by RemoteUrl', false],
  ['DeviceNetworkEvents | where RemoteUrl !has "com" and RemoteUrl !has_cs "Office" | summarize c = count() by RemoteUrl', false],
  ['DeviceProcessEvents | where ProcessCommandLine hasprefix "power" or ProcessCommandLine hassuffix ".exe" | project ReportId', false],
  // A per-row needle: the term regex is built in SQL, with the needle's regex characters escaped.
  ['DeviceProcessEvents | extend needle = strcat(FileName, "(") | where ProcessCommandLine has FileName or ProcessCommandLine !has_cs needle or FolderPath hassuffix FileName | project ReportId', false],
  ['DeviceProcessEvents | where ProcessCommandLine matches regex @"(?i)7z\\.exe.+-p" | project ReportId, ProcessCommandLine', false],
  ['DeviceNetworkEvents | where RemotePort in (443, 80) and ActionType !in ("ConnectionFailed") | summarize count() by RemotePort', false],
  ['DeviceNetworkEvents | where ActionType in~ ("connectionsuccess") and RemoteIPType !in~ ("PRIVATE") | summarize count() by RemoteIPType', false],
  ['DeviceProcessEvents | where ProcessCommandLine has_any ("7z.exe", "robocopy", "xcopy") | project ReportId', false],
  ['DeviceProcessEvents | where ProcessCommandLine has_all ("7z", "Temp") | project ReportId', false],
  ['DeviceNetworkEvents | where RemotePort between (400 .. 500) and LocalPort !between (0 .. 1024) | summarize count()', false],
  ['DeviceNetworkEvents | where Timestamp between (datetime(2026-11-24T22:00:00Z) .. 1h) | project ReportId', false],
  ['DeviceNetworkEvents | extend a = RemotePort + 1, b = RemotePort - LocalPort, c = RemotePort * 2, d = RemotePort / 7, e = RemotePort % 7, f = -RemotePort, g = RemotePort / 7.0 | project ReportId, a, b, c, d, e, f, g', false],
  ['DeviceNetworkEvents | extend later = Timestamp + 90m, earlier = Timestamp - 1d, gap = Timestamp - datetime(2026-11-24) | project ReportId, later, earlier, gap', false],
  ['DeviceNetworkEvents | where Timestamp > ago(6h) and Timestamp < now() and Timestamp >= ago(7h) and Timestamp <= now(-1m) | count', false],
  ['DeviceNetworkEvents | summarize c = count(), ports = sum(RemotePort), avgp = avg(RemotePort) by bin(Timestamp, 1h)', false],
  ['DeviceNetworkEvents | summarize by b = bin(RemotePort, 100)', false],
  ['DeviceProcessEvents | extend l = tolower(FileName), u = toupper(FileName), n = strlen(ProcessCommandLine), s = strcat(DeviceName, "/", FileName, ReportId) | project ReportId, l, u, n, s', false],
  ['DeviceProcessEvents | extend e = isempty(InitiatingProcessParentFileName), ne = isnotempty(AccountUpn), t = tostring(ProcessId), x = extract(@"-(\\w+)", 1, ProcessCommandLine) | project ReportId, e, ne, t, x', false],
  ['DeviceNetworkEvents | extend k = iff(RemotePort == 443, "tls", "other"), k2 = iif(RemotePort < 1024, 1, 2), k3 = case(RemotePort == 80, "web", RemotePort == 53, "dns", "x"), nn = isnull(RemotePort), nn2 = isnotnull(LocalPort), neg = not(RemotePort > 1000) | project ReportId, k, k2, k3, nn, nn2, neg', false],
  ['DeviceNetworkEvents | summarize tls = countif(RemotePort == 443), bytes = sumif(RemotePort, ActionType == "ConnectionSuccess"), lo = minif(RemotePort, RemotePort > 0), hi = maxif(Timestamp, ActionType == "ConnectionFailed"), u = minif(RemoteUrl, RemotePort == 443), none = maxif(RemoteUrl, RemotePort < 0) by DeviceName', false],
  ['DeviceFileEvents | summarize files = make_set(FileName), some = make_set_if(FileName, FileName endswith ".docx"), all = make_list(ActionType), tmp = make_list_if(FolderPath, FolderPath contains "temp") by DeviceName', false],
  ['DeviceFileEvents | summarize files = make_set(FileName, 1000), recent = make_list(ReportId, 1000) by DeviceName', false],
  ['DeviceProcessEvents | top 5 by ReportId desc | project ReportId, Timestamp', true],
  ['DeviceProcessEvents | summarize arg_max(Timestamp, FileName, ReportId) by DeviceName', false],
  ['DeviceProcessEvents | summarize arg_min(Timestamp, ReportId, FileName), n = count(), files = dcountif(FileName, FileName endswith ".exe") by DeviceName', false],
  ['DeviceNetworkEvents | extend h = hourofday(Timestamp), dm = dayofmonth(Timestamp), dy = dayofyear(Timestamp), m = monthofyear(Timestamp), m2 = getmonth(Timestamp), y = getyear(Timestamp), w = weekofyear(Timestamp), dw = dayofweek(Timestamp) | summarize count() by h, dm, dy, m, m2, y, w, dw', false],
  ['DeviceProcessEvents | extend a = substring(ProcessCommandLine, 3, 10), b = substring(FileName, 2), c = substring(FileName, -1, 2), d = substring("héllo wörld", 1, 4) | project ReportId, a, b, c, d', false],
  ['DeviceEvents | extend af = parse_json(AdditionalFields), t = todynamic(\'{"k": [1, "x", {"z": null}], "s": "v"}\') | extend label = tostring(af.SensitivityLabel), drive = tostring(af["DriveLetter"]), k1 = tostring(t.k[1]), k0 = t.k[0], lastk = tostring(t.k[-1]), nokey = af.NoSuchKey, s = tostring(t.s) | project ReportId, ActionType, label, drive, k1, k0, lastk, nokey, s', false],
  ['DeviceNetworkEvents | extend p1 = ipv4_is_private(RemoteIP), p2 = ipv4_is_private(LocalIP), p3 = ipv4_is_private("172.20.1.1"), p4 = ipv4_is_private("8.8.8.8"), p5 = ipv4_is_private("not an ip") | summarize count() by p1, p2, p3, p4, p5', false],
  ['DeviceProcessEvents | summarize name = take_any(DeviceName), n = any(DeviceName) by DeviceId', false],
  ['DeviceNetworkEvents | extend lo = min_of(RemotePort, LocalPort), hi = max_of(RemotePort, LocalPort, 1000), t = min_of(Timestamp, datetime(2026-11-24T23:00:00Z)) | project ReportId, lo, hi, t', false],
  ['DeviceProcessEvents | sort by DeviceId asc, Timestamp asc, ReportId asc | extend prevFile = prev(FileName), nextTime = next(Timestamp), gap = Timestamp - prev(Timestamp, 2), nextOr = next(ReportId, 1, -1) | project ReportId, prevFile, nextTime, gap, nextOr', true],
  // Joins of every kind, with a key per side, a residual condition and null keys on the outer side.
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=inner F on DeviceId, FileName | project DeviceId, FileName, procs, files', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join F on DeviceId | project DeviceId, FileName1, files', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=leftouter F on DeviceId, FileName | project DeviceId, FileName, FileName1, procs, files', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=rightouter F on DeviceId, FileName | project DeviceId, DeviceId1, FileName, FileName1, procs, files', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=fullouter F on DeviceId, FileName', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=leftsemi F on DeviceId, FileName', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=leftanti F on DeviceId, FileName', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=rightsemi F on DeviceId, FileName', false],
  ['let P = DeviceProcessEvents | summarize procs = count() by DeviceId, FileName; let F = DeviceFileEvents | summarize files = count() by DeviceId, FileName = InitiatingProcessFileName; P | join kind=rightanti F on DeviceId, FileName', false],
  ['DeviceProcessEvents | project DeviceId, PT = Timestamp, PR = ReportId | join kind=inner (DeviceNetworkEvents | project Dev = DeviceId, NT = Timestamp, NR = ReportId) on $left.DeviceId == $right.Dev | where NT > PT and NT - PT < 2m | summarize n = count(), r = dcount(NR) by DeviceId', false],
  ['let Seen = DeviceFileEvents | where ActionType == "FileCreated" | distinct InitiatingProcessFileName; DeviceProcessEvents | where FileName in (Seen) | summarize n = count() by FileName', false],
  ['let Seen = DeviceFileEvents | distinct InitiatingProcessFileName; DeviceProcessEvents | where FileName !in (Seen) and FileName !in~ (Seen) | summarize n = count() by FileName', false],
  ['let Ports = DeviceNetworkEvents | where ActionType == "ConnectionFailed" | project RemotePort; DeviceNetworkEvents | where RemotePort in (Ports) and tostring(RemotePort) in~ (Ports) | summarize count() by RemotePort', false],
  ['DeviceFileEvents | summarize s = makeset(FileName), l = makelist(ActionType), c = count_distinct(FolderPath) by DeviceName', false],
  ['DeviceEvents | extend a = parsejson(AdditionalFields), n = array_length(parse_json("[1,2,3]")), na = array_length(parse_json(AdditionalFields)), m = abs(-ReportId), p = pack_array(ReportId, ActionType, Timestamp, 1.5, true) | project ReportId, a, n, na, m, p', false],
  ['DeviceProcessEvents | extend a = split(ProcessCommandLine, " "), b = split(FolderPath, @"\", 1), c = split(FolderPath, @"\", 99), d = split("a,,b", ","), r = replace_string(ProcessCommandLine, "Temp", "TEMP"), r0 = replace_string(FileName, "", "x") | project ReportId, a, b, c, d, r, r0', false],
  ['DeviceNetworkEvents | extend i = toint(tostring(RemotePort)), l = tolong(" 42 "), f = toint("1.9"), bad = tolong("x"), r = toreal("2.5"), d = todouble(RemotePort), ti = toint(2.7), tl = tolong(true) | project ReportId, i, l, f, bad, r, d, ti, tl', false],
  ['DeviceNetworkEvents | summarize n = count() by d = startofday(Timestamp), w = startofweek(Timestamp), m = startofmonth(Timestamp), y = startofyear(Timestamp), d1 = startofday(Timestamp, -1), m1 = startofmonth(Timestamp, 1)', false],
  // Serialized order: a datatable keeps its row order, a sort keeps ties in input order (stable), and
  // window functions see and return rows in that order.
  ['datatable (a:long) [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] | where a % 2 == 0 | serialize cs = row_cumsum(a)', true],
  ['datatable (k:string, v:long) ["x", 3, "y", 1, "z", 3, "w", 2, "q", 3, "r", 1] | sort by v asc | extend r = row_rank_dense(v), m = row_rank_min(v), p = prev(k), n = next(k, 2)', true],
  ['datatable (k:string, v:long) ["x", 3, "y", 1, "z", 3, "w", 2, "q", 3] | sort by v desc', true],
  ['range x from 1 to 20 step 3 | extend y = x * 2', true],
  ['range t from datetime(2026-01-01) to datetime(2026-01-02) step 6h', true],
  ['let P = DeviceProcessEvents | summarize n = count() by DeviceId; P | join kind=inner (P | project DeviceId, m = n * 2) on DeviceId | union (P | extend m = 0)', false],
  ['DeviceProcessEvents | extend t = trim(@"[""\\s]+", ProcessCommandLine), ts = trim_start(@"\\w+", FileName), te = trim_end(@"\\.exe", FileName), tc = trim("--", "--x--y--") | project ReportId, t, ts, te, tc', false],
  ['DeviceNetworkEvents | summarize n = count() by w = bin_at(Timestamp, 1h, datetime(2026-11-24T00:17:00Z)), p = bin_at(RemotePort, 100, 7), s = bin_at(Timestamp - datetime(2026-11-24), 2h, 30m)', false],
  ['DeviceNetworkEvents | extend y = datetime_add("year", 1, Timestamp), q = datetime_add("quarter", -1, Timestamp), mo = datetime_add("month", 3, Timestamp), w = datetime_add("week", 2, Timestamp), d = datetime_add("day", -3, Timestamp), h = datetime_add("hour", 5, Timestamp), mi = datetime_add("minute", 90, Timestamp), s = datetime_add("second", 61, Timestamp), ms = datetime_add("millisecond", 1500, Timestamp), us = datetime_add("microsecond", 7, Timestamp), eom = datetime_add("month", 1, datetime(2026-01-31)) | project ReportId, y, q, mo, w, d, h, mi, s, ms, us, eom', false],
  ['DeviceNetworkEvents | extend ref = datetime(2024-02-29T23:59:59.5Z) | extend y = datetime_diff("year", Timestamp, ref), q = datetime_diff("quarter", Timestamp, ref), mo = datetime_diff("month", Timestamp, ref), w = datetime_diff("week", Timestamp, ref), d = datetime_diff("day", Timestamp, ref), h = datetime_diff("hour", Timestamp, ref), mi = datetime_diff("minute", ref, Timestamp), s = datetime_diff("second", Timestamp, ref), ms = datetime_diff("millisecond", Timestamp, ref), us = datetime_diff("microsecond", Timestamp, ref), ns = datetime_diff("nanosecond", Timestamp, ref) | project ReportId, y, q, mo, w, d, h, mi, s, ms, us, ns', false],
  ['DeviceEvents | extend b = bag_pack("id", ReportId, "path/x", FolderPath, "t", Timestamp, "none", AdditionalFields.NoSuchKey), p = pack("k", 1.5), d = pack_dictionary("a", dynamic([1, "x/y"])) | extend s = tostring(b), g1 = gettype(b), g2 = gettype(b.id), g3 = gettype(d.a), g4 = gettype(p.k), g5 = gettype(b.path), g6 = gettype(b.none) | project ReportId, b, p, d, s, g1, g2, g3, g4, g5, g6', false],
  ['DeviceProcessEvents | extend a = extract_all(@"\\w+\\.exe", ProcessCommandLine), b = extract_all(@"-(\\w)(\\w*)", ProcessCommandLine), c = extract_all(@"(\\w+)=(\\d+)", dynamic([2, 1]), ProcessCommandLine), d = extract_all(@"(?P<drive>[A-Z]):\\\\(\\w+)", dynamic(["drive"]), ProcessCommandLine), e = extract_all(@"zzz", FileName) | project ReportId, a, b, c, d, e', false],
  ['DeviceProcessEvents | where DeviceName == "nothing-here" | summarize n = count(), s = sum(FileSize), m = max(Timestamp)', false],
];

function comparable(r: QueryResult, ordered: boolean): { columns: unknown; rows: string[] } {
  const rows = r.rows.map(canonicalRow);
  return { columns: r.columns, rows: ordered ? rows : [...rows].sort() };
}

let dir: string;
let duck: KqlEngine;
let ch: KqlEngine;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harrier-golden-'));
  const db = join(dir, 'estate.duckdb');
  await simulate({ out: db, devices: 8, hours: 24, seed: 3, end: '2026-11-25T12:00:00Z' });
  const store = await openStore(db);
  const w = await openChdb(join(dir, 'chdb'), { writable: true });
  await copyDuckdbToClickHouse(store.connection, w);
  w.close();
  store.close();
  duck = await openEngine({ db });
  ch = await openClickHouseEngine(await openChdb(join(dir, 'chdb'), { writable: false }));
});

after(() => {
  duck?.close();
  ch?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ClickHouse dialect: same results as DuckDB', () => {
  for (const [kql, ordered] of GOLDEN) {
    test(kql, async () => {
      const want = await duck.query(kql, { now: NOW, maxRows: 0 });
      const got = await ch.query(kql, { now: NOW, maxRows: 0 });
      assert.deepEqual(comparable(got, ordered), comparable(want, ordered));
    });
  }

  test('the golden queries return rows (they test something)', async () => {
    let nonEmpty = 0;
    for (const [kql] of GOLDEN) if ((await duck.query(kql, { now: NOW, maxRows: 1 })).rows.length > 0) nonEmpty++;
    assert.ok(nonEmpty >= GOLDEN.length - 2, `${nonEmpty} of ${GOLDEN.length} golden queries return rows`);
  });

  test('every function the dialect accepts is used by a golden query', () => {
    const irs = GOLDEN.map(([kql]) => ch.explain(kql, { now: NOW }).ir).join('\n');
    const names = [...CLICKHOUSE_SHARED_FUNCTIONS, ...Object.keys(CLICKHOUSE_OVERRIDES)];
    const unused = names.filter((n) => !new RegExp(`(?<![\\w:])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\(`).test(irs));
    assert.deepEqual(unused, []);
  });
});

describe('ClickHouse engine: refusals and quoting', () => {
  test('a function not proven on ClickHouse is refused as not supported, naming the engine', async () => {
    await assert.rejects(ch.query('DeviceProcessEvents | extend p = parse_path(FolderPath) | take 1'), (err: unknown) => {
      assert.ok(err instanceof QueryError);
      assert.equal(err.diagnostics[0]?.code, 'NOT-SUPPORTED');
      assert.match(err.diagnostics[0]!.message, /parse_path\(\) on the ClickHouse engine/);
      return true;
    });
  });

  test('operators not yet proven on ClickHouse (mv-expand, scan, make-series) are refused by name', async () => {
    const cases: [string, RegExp][] = [
      ['DeviceEvents | mv-expand parse_json(AdditionalFields) | take 1', /mv-expand on the ClickHouse engine/],
      ['DeviceEvents | make-series count() on Timestamp from datetime(2026-11-24) to datetime(2026-11-25) step 1h', /make-series on the ClickHouse engine/],
      ['DeviceEvents | sort by Timestamp asc | scan with (step s1: ActionType == "UsbDriveMounted";)', /scan on the ClickHouse engine/],
    ];
    for (const [kql, re] of cases) {
      await assert.rejects(ch.query(kql, { now: NOW }), (err: unknown) => {
        assert.ok(err instanceof QueryError);
        assert.equal(err.diagnostics[0]?.code, 'NOT-SUPPORTED', kql);
        assert.match(err.diagnostics[0]!.message, re);
        return true;
      });
    }
  });

  test('strings with quotes, backslashes, NUL and newlines stay data on ClickHouse', async () => {
    const nasty = ["a'b", 'a\\\'b', "x\\' OR 1=1 --", 'back\\slash\\', 'line\nbreak', 'tab\tnul\u0000end', 'é漢字🙂', "'); SELECT 1; --"];
    for (const s of nasty) {
      const lit = JSON.stringify(s); // a KQL double-quoted string uses the same escapes as JSON here
      const r = await ch.query(`print s = ${lit}, n = strlen(${lit})`, { now: NOW });
      assert.deepEqual(r.rows, [[s, [...s].length]], `round trip of ${JSON.stringify(s)}`);
      const w = await ch.query(`DeviceProcessEvents | where ProcessCommandLine == ${lit} or FileName has ${lit} | count`, { now: NOW });
      assert.deepEqual(w.rows, [[0]]);
    }
  });
});
