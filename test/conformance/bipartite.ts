/**
 * Maximum bipartite matching for tolerant equality (Kuhn's algorithm): used to compare rows as a
 * multiset and set-function arrays regardless of element order, where hashing cannot be used
 * because equality is approximate. Pure.
 */

/** For each of the n left items, the index of the matched right item (of m) or -1. */
export function matchRows(n: number, m: number, equal: (i: number, j: number) => boolean): number[] {
  const adj: number[][] = [];
  for (let i = 0; i < n; i++) {
    adj.push([]);
    for (let j = 0; j < m; j++) if (equal(i, j)) adj[i]!.push(j);
  }
  const ownerOf = new Array<number>(m).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (const j of adj[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (ownerOf[j] === -1 || tryAssign(ownerOf[j]!, seen)) {
        ownerOf[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < n; i++) tryAssign(i, new Array<boolean>(m).fill(false));
  const result = new Array<number>(n).fill(-1);
  ownerOf.forEach((i, j) => { if (i >= 0) result[i] = j; });
  return result;
}
