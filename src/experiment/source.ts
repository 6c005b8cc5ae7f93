// Reads an experiment file (YAML or JSON; JSON is read by the YAML parser, which accepts it)
// into plain data, keeping a way back from a path inside the data to a line and column.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { PathSegment } from './dotted-path.js';
import { SpecError, type SpecIssue } from './spec-error.js';
import { clipText } from './clip-text.js';
import { expandedValueCount, MAX_EXPANDED_VALUES } from './yaml-expansion.js';

/** Largest experiment file read (a shipped one is a few KB; a sweep written out by hand stays far below). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Brackets `[` `{` open at once at most: deeper flow nesting can crash the YAML lexer itself. */
export const MAX_BRACKET_DEPTH = 1000;
/** Aliases expanded at most (the YAML library's own guard against alias bombs). */
const MAX_ALIAS_COUNT = 1000;

export interface SourceDocument {
  readonly file: string;
  readonly data: unknown;
  /** Line and column (1-based) of the value at `path`, or of its closest existing ancestor. */
  locate(path: readonly PathSegment[], key?: boolean): { line: number; column: number } | undefined;
}

export function readSource(file: string): SourceDocument {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      throw new SpecError(file, [{ path: [], message: `file is ${(size / 1048576).toFixed(1)} MB; an experiment file may be at most ${MAX_FILE_BYTES / 1048576} MB` }]);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, expected an experiment file' : `cannot read file (${code ?? String(err)})`;
    throw new SpecError(file, [{ path: [], message }]);
  }
  return parseSource(file, text);
}

/** The deepest nesting of flow brackets in `text` (a quick bound; quoted brackets count too). */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

export function parseSource(file: string, text: string): SourceDocument {
  if (bracketDepth(text) > MAX_BRACKET_DEPTH) {
    throw new SpecError(file, [{ path: [], message: `more than ${MAX_BRACKET_DEPTH} brackets [ { open at once; an experiment file is not nested that deeply` }]);
  }
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  if (doc.errors.length > 0) {
    const issues: SpecIssue[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { path: [], message: `not valid YAML/JSON: ${clipText(e.message.split('\n')[0] ?? e.message, 200)}`, line: pos.line, column: pos.col };
    });
    throw new SpecError(file, issues);
  }
  if (expandedValueCount(doc) > MAX_EXPANDED_VALUES) {
    throw new SpecError(file, [
      { path: [], message: `YAML aliases (*name) expand the file to more than ${MAX_EXPANDED_VALUES} values, or an alias refers to its own anchor; write the values out or use fewer aliases` },
    ]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The YAML library refuses an alias bomb ("Excessive alias count ...") and some malformed
    // documents by throwing: those are faults of the file, not of hasim.
    const why = err instanceof Error ? err.message : String(err);
    const message = /alias/i.test(why)
      ? `too many YAML aliases (*name): at most ${MAX_ALIAS_COUNT} are expanded; write the values out or use fewer aliases`
      : `not valid YAML/JSON: ${clipText(why.split('\n')[0] ?? why, 200)}`;
    throw new SpecError(file, [{ path: [], message }]);
  }
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
