/** invoke f(args): calls a tabular function with the piped input as its first parameter. */
import { requireChild } from '../../bridge/syntax.js';
import { lowerTableCall } from '../tabular.js';
import { requireInput, type OperatorLowering } from './shared.js';

export const lowerInvoke: OperatorLowering = (op, input, cx) => lowerTableCall(requireChild(op, 'Function'), cx, requireInput(input, op));
