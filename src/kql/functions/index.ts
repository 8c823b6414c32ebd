/** Loads every function family into the catalog. Add a new family file to this list. */
import './operators.js';
import './strings.js';
import './datetime.js';
import './dynamic.js';
import './conversion.js';
import './math.js';
import './misc.js';
import './ip.js';
import './aggregates.js';
import './arrays.js';
import './units.js';
import './ipv6.js';
import './udf.js';
import './series.js';
import './sketches.js';
import './geo.js';
import './geo-s2.js';
import './geo-shapes.js';

export { catalogNames, lookupFunction, makeContext } from './catalog.js';
export type { FnArg, FnContext, FnDef } from './catalog.js';
