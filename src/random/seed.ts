// Stable seed derivation. Seeds are hex strings so that they survive JSON/CSV round trips exactly.
import { createHash } from 'node:crypto';

/** Number of hex characters returned by `deriveSeed` (64 bits). */
export const SEED_HEX_CHARS = 16;

function checkParts(parts: readonly (string | number)[], fn: string): void {
  if (parts.length === 0) throw new Error(`${fn}: needs at least one part`);
  parts.forEach((p, i) => {
    if (typeof p === 'number' ? !Number.isFinite(p) : typeof p !== 'string') {
      throw new Error(`${fn}: part ${i} must be a string or a finite number; got ${String(p)}`);
    }
  });
}

/** Full SHA-256 hex digest of the parts. The parts are encoded as a JSON array, so the
 *  encoding is unambiguous: ("ab","c") ≠ ("a","bc"), and 1 (number) ≠ "1" (string). */
export function hashParts(...parts: (string | number)[]): string {
  checkParts(parts, 'hashParts');
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Stable seed from any parts, e.g. deriveSeed(experimentSeed, canonicalConfigJson, replication).
 * Returns 16 lowercase hex chars (the first 64 bits of SHA-256 of the JSON-encoded parts).
 * The result depends only on the values and order of the parts, never on call order or platform.
 */
export function deriveSeed(...parts: (string | number)[]): string {
  checkParts(parts, 'deriveSeed');
  return hashParts(...parts).slice(0, SEED_HEX_CHARS);
}

/** Maps any seed string to an unsigned 32-bit integer (first 32 bits of SHA-256 of the string),
 *  for APIs that need a numeric seed. Different strings give (almost surely) different numbers. */
export function seedToUint32(seed: string): number {
  if (typeof seed !== 'string') throw new Error(`seedToUint32: seed must be a string; got ${String(seed)}`);
  return parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) >>> 0;
}
