/** getschema (the input's columns as rows) and `as` (names the input for later reference). */
import { child, childText } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { lit } from '../../ir/scalar.js';
import type { KqlType } from '../../ir/types.js';
import { outputColumns, requireInput, type OperatorLowering } from './shared.js';

const DOTNET: Record<KqlType, string> = {
  bool: 'System.SByte', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String', datetime: 'System.DateTime', timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
};

export const lowerGetSchema: OperatorLowering = (op, input) => {
  const rel = requireInput(input, op);
  const rows = rel.columns.map((c, i) => [lit(c.name, 'string'), lit(String(i), 'int'), lit(DOTNET[c.type], 'string'), lit(c.type, 'string')]);
  return R.values({ rows, columns: outputColumns(op) });
};

export const lowerAs: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const name = child(op, 'Name')?.SimpleName ?? childText(op, 'Name');
  if (name) cx.bind(name, { kind: 'table', rel });
  return rel;
};
