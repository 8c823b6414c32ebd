/**
 * ipv4_is_private is compiled to two regexes for speed; it must agree with the arithmetic range
 * test (ipv4_is_in_range over the three RFC 1918 ranges), including NULL for malformed addresses.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

const ADDRESSES = [
  '10.0.0.1', '10.255.255.255', '010.1.2.3', '9.255.255.255', '11.0.0.0', '100.10.0.1',
  '172.16.0.0', '172.31.255.255', '172.15.0.1', '172.32.0.1', '172.016.0.1', '172.16.256.1', '172.1.0.1', '172.160.0.1',
  '192.168.0.1', '192.168.255.255', '192.169.0.1', '192.167.0.1', '193.168.0.1', '192.168.1.1/24', '10.1.1.1/8',
  '8.8.8.8', '127.0.0.1', '0.0.0.0', '255.255.255.255', '256.0.0.1', '10.0.0.256', '10.0.0', '10.0.0.1.5',
  '1000.0.0.1', '10.0.0.01', '10.0.0.001', '10.0.0.0001', ' 10.0.0.1', '10.0.0.1 ', '', 'fe80::1', '10.0.0.1/123', 'x10.0.0.1',
];

describe('ipv4_is_private', () => {
  it('agrees with ipv4_is_in_range over the private ranges, NULL for malformed text', async () => {
    const table = `datatable(ip:string)[${ADDRESSES.map((a) => JSON.stringify(a)).join(', ')}]`;
    const got = await rows(`${table} | extend p = ipv4_is_private(ip),
      r = ipv4_is_in_range(ip, "10.0.0.0/8") or ipv4_is_in_range(ip, "172.16.0.0/12") or ipv4_is_in_range(ip, "192.168.0.0/16"),
      valid = isnotnull(parse_ipv4(ip))`);
    assert.equal(got.length, ADDRESSES.length);
    for (const [ip, p, r, valid] of got) {
      assert.equal(p, valid ? r : null, `ipv4_is_private("${String(ip)}")`);
    }
  });

  it('hand-checked values', async () => {
    assert.deepEqual(await rows(`print a = ipv4_is_private("172.20.1.2"), b = ipv4_is_private("172.32.1.2"), c = ipv4_is_private("010.0.0.1"), d = ipv4_is_private("10.0.0.256"), e = ipv4_is_private("192.168.1.1/24"), f = ipv4_is_private("8.8.8.8")`),
      [[true, false, true, null, true, false]]);
  });
});
