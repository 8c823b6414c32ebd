/**
 * The shape shared by Harrier's JSON-argument UDFs (harrier_geo, harrier_geo_shapes,
 * harrier_sketch): SQL passes an operation name and a JSON array of arguments, and gets JSON text
 * back ('null' for no value; JSON.stringify also turns NaN and ±Infinity into null). With
 * `nullOnError`, an operation that throws on bad input gives null, as Kusto's functions do, while a
 * refusal (an error whose message starts with "not supported") still fails the query.
 */
export type JsonOp = (args: unknown[]) => unknown;

export function jsonOpUdf(ops: Readonly<Record<string, JsonOp>>, options: { readonly nullOnError: boolean }): (op: string, argsJson: string) => string {
  return (op, argsJson) => {
    const f = ops[op];
    if (!f) return 'null';
    let args: unknown;
    try {
      args = JSON.parse(argsJson);
    } catch {
      return 'null';
    }
    try {
      const res = Array.isArray(args) ? f(args) : null;
      return res === undefined ? 'null' : JSON.stringify(res);
    } catch (e) {
      if (!options.nullOnError || (e instanceof Error && e.message.startsWith('not supported'))) throw e;
      return 'null';
    }
  };
}
