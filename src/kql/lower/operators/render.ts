/** render: no effect on rows; the visualization and its properties become result metadata. */
import { child, childText, list } from '../../bridge/syntax.js';
import { requireInput, type OperatorLowering } from './shared.js';

export const lowerRender: OperatorLowering = (op, input, cx) => {
  const properties: Record<string, string> = {};
  for (const p of list(child(op, 'WithClause'), 'Properties')) {
    const name = child(p, 'Name')?.SimpleName;
    const value = child(p, 'Expression');
    if (name && value) properties[name] = String(value.LiteralValue ?? value.ToString().trim());
  }
  cx.render = { visualization: childText(op, 'ChartType'), properties };
  return requireInput(input, op);
};
