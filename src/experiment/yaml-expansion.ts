// How many values a YAML document becomes once its aliases are expanded: an alias bomb (a few
// lines of anchors whose aliases multiply) must be refused before the document is converted to
// data, or the conversion exhausts the memory. Counted on the parsed tree, each anchored node
// once (memoized), without expanding anything.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** Values an experiment file may expand to (every mapping, list and scalar counts one). */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** The number of values `doc` expands to; Infinity for an alias inside its own anchor (a cycle). */
export function expandedValueCount(doc: Document): number {
  const memo = new Map<unknown, number>();
  const active = new Set<unknown>();
  const count = (node: unknown): number => {
    if (node === null || node === undefined) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (active.has(node)) return Infinity;
    active.add(node);
    let n = 1;
    if (isAlias(node)) n = count(node.resolve(doc));
    else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        n += isPair(item) ? count(item.key) + count(item.value) : count(item);
        if (n > MAX_EXPANDED_VALUES) break;
      }
    } else if (!isScalar(node)) n = 1;
    active.delete(node);
    memo.set(node, n);
    return n;
  };
  return count(doc.contents as Node | null);
}
