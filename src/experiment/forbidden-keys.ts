// Keys that could reach an object's prototype chain: `__proto__`, `constructor` and `prototype`
// are refused anywhere in an experiment file, as a whole key or as one segment of a dotted path
// (a sweep key `__proto__.polluted` would otherwise set Object.prototype.polluted). The walk also
// bounds how deeply the file may nest, so that later recursive steps cannot exhaust the stack.
import type { PathSegment } from './dotted-path.js';
import type { RawIssue } from './zod-issues.js';

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Nesting levels allowed in an experiment file (mappings and lists); no model needs a tenth of it. */
export const MAX_NESTING = 64;

/** Issues reported at most, so that a file full of bad keys gives a readable message. */
const MAX_ISSUES = 20;

/** The forbidden segment of a key (the key itself, or one part of a dotted path), or undefined. */
export function forbiddenSegment(key: string): string | undefined {
  if (FORBIDDEN_KEYS.has(key)) return key;
  for (const seg of key.split('.')) if (FORBIDDEN_KEYS.has(seg)) return seg;
  return undefined;
}

/** Issues for every forbidden key in `data` and for nesting deeper than MAX_NESTING. */
export function forbiddenKeyIssues(data: unknown): RawIssue[] {
  const issues: RawIssue[] = [];
  // Iterative walk: the depth limit is checked before anything recurses.
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_NESTING) {
      issues.push({ path, message: `nested more than ${MAX_NESTING} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const bad = forbiddenSegment(key);
      if (bad !== undefined) {
        issues.push({ path: [...path, key], message: `"${bad}" is not allowed as a key or path segment (it would reach the prototype of every object)`, unknownKey: true });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}
