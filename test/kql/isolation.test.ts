/** The user-query connection cannot touch files or the network; adversarial text stays data. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows, run } from './helpers.js';

after(async () => (await getEngine()).close());

describe('isolation and injection', () => {
  it('externaldata without a configured folder is refused', async () => {
    await assert.rejects(run(`externaldata(a:string)[@"/etc/passwd"] with (format="csv")`), /externaldata is disabled/);
  });
  it('adversarial string literals are data', async () => {
    const evil = `x'); COPY (SELECT 1) TO '/tmp/pwn.csv'; --`;
    assert.deepEqual(await rows(`print s = ${JSON.stringify(evil)}`), [[evil]]);
    assert.deepEqual(await rows(`print s = 'a\\'b' has "b"`), [[true]]);
  });
  it('adversarial identifiers are data', async () => {
    const r = await run(`print ['a"; DROP TABLE DeviceEvents; --'] = 1`);
    assert.equal(r.columns[0]!.name, 'a"; DROP TABLE DeviceEvents; --');
    assert.deepEqual(await rows(`DeviceEvents | count`), [[0]]);
  });
  it('regexes and dynamic paths stay inside their literals', async () => {
    assert.deepEqual(await rows(`print "a'b" matches regex "a'b", extract("(')", 1, "x'y")`), [[true, "'"]]);
    assert.deepEqual(await rows(`print d = dynamic({"a'\\"b": 1}) | extend v = d["a'\\"b"]`).then((r) => r.map((x) => x[1])), [1]);
  });
  it('the query connection refuses file access and COPY TO, and cannot be unlocked', async () => {
    const { openLockedStore } = await import('../../src/engine/index.js');
    const store = await openLockedStore(undefined);
    try {
      await assert.rejects(store.connection.run(`SELECT * FROM read_csv('/etc/passwd')`), /disabled|Permission/i);
      await assert.rejects(store.connection.run(`COPY (SELECT 1) TO '/tmp/harrier-pwn.csv'`), /disabled|Permission/i);
      await assert.rejects(store.connection.run(`SET enable_external_access = true`), /locked/i);
    } finally { store.close(); }
  });
  it('no KQL function reads files: file-reading text stays a string', async () => {
    assert.deepEqual(await rows(`print "read_csv('/etc/passwd')"`), [["read_csv('/etc/passwd')"]]);
    await assert.rejects(run(`externaldata(a:string)[@"file:///etc/passwd"]`), /externaldata/);
  });
});
