// Reads an experiment file (YAML or JSON; JSON is read by the YAML parser, which accepts it)
// into plain data, keeping a way back from a path inside the data to a line and column.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { PathSegment } from './dotted-path.js';
import { SpecError, type SpecIssue } from './spec-error.js';

export interface SourceDocument {
  readonly file: string;
  readonly data: unknown;
  /** Line and column (1-based) of the value at `path`, or of its closest existing ancestor. */
  locate(path: readonly PathSegment[], key?: boolean): { line: number; column: number } | undefined;
}

export function readSource(file: string): SourceDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecError(file, [{ path: [], message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})` }]);
  }
  return parseSource(file, text);
}

export function parseSource(file: string, text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  if (doc.errors.length > 0) {
    const issues: SpecIssue[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { path: [], message: `not valid YAML/JSON: ${e.message.split('\n')[0] ?? e.message}`, line: pos.line, column: pos.col };
    });
    throw new SpecError(file, issues);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  return {
    file,
    data,
    locate(path, key = false) {
      if (key && path.length > 0) {
        const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
        const at = findPair(parent, path[path.length - 1]);
        if (at !== undefined) {
          const pos = lineCounter.linePos(at);
          return { line: pos.line, column: pos.col };
        }
      }
      for (let n = path.length; n >= 0; n--) {
        const node: unknown = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
        // A key whose value is null has no value node; locate the key itself.
        if (n > 0) {
          const parent: unknown = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
          const pair = findPair(parent, path[n - 1]);
          if (pair) {
            const pos = lineCounter.linePos(pair);
            return { line: pos.line, column: pos.col };
          }
        }
      }
      return undefined;
    },
  };
}

function findPair(parent: unknown, key: PathSegment | undefined): number | undefined {
  if (key === undefined || parent === null || typeof parent !== 'object') return undefined;
  const items = (parent as { items?: unknown[] }).items;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const k = (item as { key?: unknown }).key;
    if (isNode(k) && (k as { value?: unknown }).value === key && k.range) return k.range[0];
  }
  return undefined;
}
