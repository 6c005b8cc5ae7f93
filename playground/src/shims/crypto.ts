// node:crypto for the browser bundles: createHash('sha256') with update(string) and digest('hex'),
// the only use hasim's engine and experiment code make of it.
import { sha256Hex } from '../sha256.js';

class Sha256 {
  private readonly parts: Uint8Array[] = [];
  update(data: string | Uint8Array): this {
    this.parts.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }
  digest(encoding: 'hex'): string {
    if (encoding !== 'hex') throw new Error(`playground: digest(${String(encoding)}) is not supported, only hex`);
    const all = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return sha256Hex(all);
  }
}

export function createHash(algorithm: string): Sha256 {
  if (algorithm !== 'sha256') throw new Error(`playground: hash ${algorithm} is not supported, only sha256`);
  return new Sha256();
}
