/**
 * A forgiving JSON reader for values printed in the docs. It accepts strict JSON plus what the
 * docs sometimes show: single-quoted strings, unquoted object keys and bare-word strings
 * (`[yes, no]`), trailing commas, NaN/Infinity, and Python-ish True/False/None. Numbers keep
 * their source text (`LenientNumber.text`) so callers can compare at the printed precision.
 * Returns undefined when the text is not such a value.
 */

export class LenientNumber {
  constructor(readonly value: number, readonly text: string) {}
}

export type LenientValue = null | boolean | string | LenientNumber | LenientValue[] | { [key: string]: LenientValue };

class Reader {
  pos = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  peek(): string {
    return this.s[this.pos] ?? '';
  }

  fail(): never {
    throw new SyntaxError(`unexpected ${JSON.stringify(this.peek())} at ${this.pos}`);
  }

  value(): LenientValue {
    this.ws();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return this.string();
    if (/[-+0-9.]/.test(c)) return this.number();
    const word = /^[A-Za-z_][\w.-]*/.exec(this.s.slice(this.pos))?.[0];
    if (word === undefined) this.fail();
    this.pos += word.length;
    switch (word) {
      case 'true': case 'True': return true;
      case 'false': case 'False': return false;
      case 'null': case 'None': return null;
      case 'NaN': return new LenientNumber(NaN, word);
      case 'Infinity': return new LenientNumber(Infinity, word);
      default: return word; // a bare word, as in the doc's `[yes, no, yes]`: read as a string
    }
  }

  number(): LenientNumber {
    const m = /^[-+]?(Infinity|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(this.s.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
    return new LenientNumber(Number(m[0].replace(/^\+/, '')), m[0]);
  }

  string(): string {
    const quote = this.s[this.pos++]!;
    let out = '';
    for (;;) {
      const c = this.s[this.pos++];
      if (c === undefined) this.fail();
      if (c === quote) return out;
      if (c !== '\\') { out += c; continue; }
      const e = this.s[this.pos++];
      if (e === 'u') {
        out += String.fromCharCode(parseInt(this.s.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else {
        out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e ?? ''] ?? e ?? '';
      }
    }
  }

  key(): string {
    this.ws();
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    const m = /^[A-Za-z_$][\w$-]*/.exec(this.s.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
    return m[0];
  }

  array(): LenientValue[] {
    this.pos++;
    const out: LenientValue[] = [];
    for (;;) {
      this.ws();
      if (this.peek() === ']') { this.pos++; return out; }
      out.push(this.value());
      this.ws();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail();
    }
  }

  object(): { [key: string]: LenientValue } {
    this.pos++;
    const out: { [key: string]: LenientValue } = {};
    for (;;) {
      this.ws();
      if (this.peek() === '}') { this.pos++; return out; }
      const k = this.key();
      this.ws();
      if (this.peek() !== ':') this.fail();
      this.pos++;
      out[k] = this.value();
      this.ws();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail();
    }
  }
}

/** Parses `text` leniently; undefined when it is not one complete JSON-like value. */
export function parseLenientJson(text: string): LenientValue | undefined {
  const r = new Reader(text);
  try {
    const v = r.value();
    r.ws();
    return r.pos === text.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** True when the text is strict JSON (JSON.parse accepts it). */
export function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
