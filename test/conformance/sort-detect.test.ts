/** Unit tests for sort-detect.ts: when the documented row order is meaningful. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryImposesOrder, queryMentionsSort, stripCommentsAndStrings } from './sort-detect.js';

test('sorting operators make the order meaningful', () => {
  assert.ok(queryImposesOrder('range x from 1 to 3 step 1 | sort by x asc'));
  assert.ok(queryImposesOrder('T | order by x'));
  assert.ok(queryImposesOrder('T | top 3 by x'));
  assert.ok(queryImposesOrder('T | serialize | extend r = row_number()'));
  assert.ok(queryImposesOrder('T | scan with (step s1: x > 1;)'));
  assert.ok(!queryImposesOrder('T | top-nested 2 of a by count()'), 'top-nested does not define output order');
  assert.ok(queryImposesOrder('T | top-hitters 2 of a'));
  assert.ok(queryImposesOrder('T\n| sort by x\n| project x, y\n| where x > 1\n| extend z = 1'));
});

test('no sort, or an order-breaking operator after the last sort, means multiset', () => {
  assert.ok(!queryImposesOrder('datatable(x:int)[1,2] | where x > 0'));
  assert.ok(!queryImposesOrder('T | sort by x | summarize count() by y'));
  assert.ok(!queryImposesOrder('T | order by x | join (U) on x'));
  assert.ok(!queryImposesOrder('T | top 2 by x | distinct y'));
  assert.ok(queryImposesOrder('T | summarize count() by y | sort by y'));
  assert.ok(queryMentionsSort('T | sort by x | summarize count() by y'));
});

test('comments and strings do not count', () => {
  assert.ok(!queryImposesOrder('T // | sort by x\n| where y == "| order by z"'));
  assert.ok(!queryImposesOrder("print s = '| top 3 by x'"));
  assert.ok(!queryImposesOrder("print s = @'c:\\| sort by x'"));
  assert.equal(stripCommentsAndStrings('a "b" c').length, 'a "b" c'.length);
  assert.equal(stripCommentsAndStrings('x // c\ny').split('\n').length, 2);
});
