/**
 * Interning dictionaries for the staging store: strings, network endpoints and file objects get a
 * small integer id the first time they are seen (ids in first-seen order, so deterministic). The
 * fact tables carry only these ids; entries not yet uploaded are handed out by `takeNew()`, so JS
 * keeps only the lookup map, not a second copy of every value.
 */

abstract class Dict<V> {
  private ids = new Map<string, number>();
  private fresh: V[] = [];
  private count = 0;

  protected intern(key: string, make: () => V): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.count++;
      this.ids.set(key, id);
      this.fresh.push(make());
    }
    return id;
  }

  get size(): number {
    return this.count;
  }

  /** Entries added since the previous call, in id order (ids size-n … size-1). */
  takeNew(): V[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Frees the lookup map once generation is over. */
  release(): void {
    this.ids = new Map();
    this.fresh = [];
  }
}

/** Strings without interning (one per row, e.g. command lines): nothing kept once uploaded. */
export class StringList {
  private fresh: string[] = [];
  private count = 0;

  push(s: string): number {
    this.fresh.push(s);
    return this.count++;
  }

  takeNew(): string[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  release(): void {
    this.fresh = [];
  }
}

export class StringDict extends Dict<string> {
  constructor() {
    super();
    this.id('');
  }

  id(s: string): number {
    return this.intern(s, () => s);
  }
}

export interface Endpoint {
  readonly ip: string;
  readonly port: number;
  readonly url: string;
  readonly protocol: 'Tcp' | 'Udp';
}

export class EndpointDict extends Dict<Endpoint> {
  id(ip: string, port: number, url = '', protocol: 'Tcp' | 'Udp' = 'Tcp'): number {
    return this.intern(`${ip}|${port}|${url}|${protocol}`, () => ({ ip, port, url, protocol }));
  }
}

export interface FileObject {
  /** Full path including the file name. */
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly label: string;
  /** Content key: files with the same key have the same hashes (copies). */
  readonly content: string;
}

export class FileDict extends Dict<FileObject> {
  id(path: string, size: number, content = path, label = ''): number {
    return this.intern(`${path}|${content}`, () => ({ path, name: path.slice(path.lastIndexOf('\\') + 1), size, label, content }));
  }
}
