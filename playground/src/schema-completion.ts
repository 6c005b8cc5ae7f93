// Key completion in the editor from the experiment's JSON Schema (the one `hasim schema` prints):
// the YAML path at the cursor is read from the indentation of the lines above it, and the keys
// the schema allows at that path (for the experiment's `model:`) are offered.
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { experimentJsonSchema } from '../../src/experiment/json-schema.js';
import { models } from '../../models/index.js';

type Node = Record<string, unknown>;
/** A path segment: a key, or `[]` for an item of a list. */
type Segment = string;

let rootSchema: Node | undefined;
function schema(): Node {
  rootSchema ??= experimentJsonSchema(models);
  return rootSchema;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s#:'"{[\]][^:#]*?|"[^"]*"|'[^']*'):(\s|$)/;
const ITEM_LINE = /^\s*-(\s|$)/;

function unquote(k: string): string {
  return /^(".*"|'.*')$/.test(k) ? k.slice(1, -1) : k;
}

/**
 * The path of the mapping that holds a key written on line `lineNo` (1-based) at column `col`, or,
 * where that line opens a list item (`- key`), at the item's dash column `col`: from the lines
 * above it, each less indented key is a parent, each `- ` a list item.
 */
export function pathAt(lines: readonly string[], lineNo: number, col: number, inItem: boolean): Segment[] {
  const path: Segment[] = inItem ? ['[]'] : [];
  let listParent = inItem;
  for (let i = lineNo - 2; i >= 0 && col > 0; i--) {
    const line = lines[i] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    const m = KEY_LINE.exec(line);
    const dash = m ? m[2] !== undefined : ITEM_LINE.test(line);
    const keyCol = m ? lead + (m[2]?.length ?? 0) : -1;
    if (m && (keyCol < col || (listParent && !dash && keyCol === col))) {
      path.unshift(unquote(m[3]?.trim() ?? ''));
      listParent = dash;
      if (dash) path.unshift('[]');
      col = lead;
    } else if (dash && !listParent && lead < col) {
      // a key of the list item opened on this line (`- a: 1` then `  b:`)
      path.unshift('[]');
      listParent = true;
      col = lead;
    }
  }
  return path;
}

function deref(node: unknown): Node[] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Node;
  const ref = n['$ref'];
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Node)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), schema());
    return deref(target);
  }
  const out: Node[] = [n];
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    const list = n[k];
    if (Array.isArray(list)) for (const sub of list) out.push(...deref(sub));
  }
  return out;
}

/** The schemas at `path` below the root, for the experiment's model. */
function schemasAt(path: readonly Segment[], model: string | undefined): Node[] {
  let at: Node[] = deref(schema());
  // The root's per-model clauses: `if model is X then params/sweep are X's`.
  const withModel = (nodes: Node[]): Node[] =>
    nodes.flatMap((n) => {
      const extra: Node[] = [];
      const all = n['allOf'];
      if (Array.isArray(all)) {
        for (const clause of all as Node[]) {
          const cond = ((clause['if'] as Node | undefined)?.['properties'] as Node | undefined)?.['model'] as Node | undefined;
          if (cond && cond['const'] === model && clause['then']) extra.push(...deref(clause['then']));
        }
      }
      return [n, ...extra];
    });
  at = withModel(at);
  for (const seg of path) {
    at = at.flatMap((n) => {
      if (seg === '[]') return deref(n['items']);
      const props = n['properties'] as Node | undefined;
      if (props && seg in props) return deref(props[seg]);
      const extra = n['additionalProperties'];
      return extra && typeof extra === 'object' ? deref(extra) : [];
    });
  }
  return at;
}

export function keysAt(path: readonly Segment[], model: string | undefined): { key: string; description?: string }[] {
  const seen = new Map<string, string | undefined>();
  for (const n of schemasAt(path, model)) {
    const props = n['properties'] as Node | undefined;
    if (!props) continue;
    for (const [k, v] of Object.entries(props)) {
      if (seen.has(k) && seen.get(k) !== undefined) continue;
      const d = deref(v).find((x) => typeof x['description'] === 'string')?.['description'];
      seen.set(k, typeof d === 'string' ? d : undefined);
    }
  }
  return [...seen].map(([key, description]) => (description === undefined ? { key } : { key, description }));
}

/** The completion source: keys valid at the cursor, where the cursor is at a key's place. */
export function schemaCompletion(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const m = /^(\s*)(-\s+)?([A-Za-z0-9_.-]*)$/.exec(before);
  if (!m) return null;
  if (!context.explicit && (m[3] ?? '') === '') return null;
  const indent = m[1]?.length ?? 0;
  const text = context.state.doc.toString();
  const lines = text.split('\n');
  const model = /^model:\s*([A-Za-z0-9_-]+)/m.exec(text)?.[1];
  const path = pathAt(lines, line.number, indent, m[2] !== undefined);
  const keys = keysAt(path, model);
  if (keys.length === 0) return null;
  return {
    from: context.pos - (m[3]?.length ?? 0),
    options: keys.map((k) => ({ label: k.key, type: 'property', apply: `${k.key}: `, ...(k.description !== undefined ? { info: k.description } : {}) })),
    validFor: /^[A-Za-z0-9_.-]*$/,
  };
}
