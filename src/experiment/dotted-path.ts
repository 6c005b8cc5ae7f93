// Dotted paths into parameter objects ("services.db.replicas", "tiers.0.size") and the
// display form of a location inside an experiment file ("sweep.services.db.replicas[2]").

import { clipText } from './clip-text.js';
import { forbiddenSegment } from './forbidden-keys.js';

export type PathSegment = string | number;

export function splitDottedPath(path: string): string[] {
  return path.split('.');
}

/**
 * A deep copy of plain JSON data (objects, arrays, scalars). Objects are built without a
 * prototype, so a key written by the user is only ever an own property.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cloneJson(v);
  return out as T;
}

/**
 * Sets `value` at the dotted `path` inside `target` (mutated), creating prototype-less objects on
 * the way. A numeric segment indexes an array when the container is an array. A path through
 * `__proto__`, `constructor` or `prototype` is refused (it would write into a shared prototype);
 * experiment files are checked for those before any path is set (forbidden-keys.ts).
 */
export function setAtDottedPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const bad = forbiddenSegment(path);
  if (bad !== undefined) throw new TypeError(`refusing to set the path "${path}": "${bad}" would reach a prototype`);
  const segments = splitDottedPath(path);
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    const last = i === segments.length - 1;
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      const idx = Number(seg);
      if (last) node[idx] = value;
      else {
        const next: unknown = node[idx];
        if (next === null || typeof next !== 'object') node[idx] = Object.create(null);
        node = node[idx] as Record<string, unknown>;
      }
      continue;
    }
    const obj = node as Record<string, unknown>;
    if (last) obj[seg] = value;
    else {
      const next = obj[seg];
      if (next === null || typeof next !== 'object') obj[seg] = Object.create(null);
      node = obj[seg] as Record<string, unknown>;
    }
  }
}

/** The value at `segments` inside `data`, or undefined. */
export function getAtPath(data: unknown, segments: readonly PathSegment[]): unknown {
  let node: unknown = data;
  for (const seg of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/** Display form: `a.b[2].c`; a key with unusual characters is quoted: `a["x y"]`; a long key is clipped. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const raw of segments) {
    const seg = typeof raw === 'string' ? clipText(raw) : raw;
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$.-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(top level)' : out;
}
