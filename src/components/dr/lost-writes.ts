// The writes a service has lost to its recoveries, kept as disjoint stretches of time (a, b]
// with the store's write counter at both ends. A recovery loses the writes between its recovery
// point and the disaster, but some of them may have been lost already: after a restore from a
// backup, the writes between that backup and the restore are gone, so a second restore from the
// same backup loses only the writes made since the first one. Recording every loss here lets
// each recovery count only the writes it is the first to lose (each write is lost at most once).

interface Stretch {
  fromT: number;
  fromW: number;
  toT: number;
  toW: number;
}

export class LostWrites {
  /** Disjoint, in time order. */
  private readonly stretches: Stretch[] = [];
  private readonly t0: number;
  private _reconciledT: number;
  private _reconciledW = 0;

  /** `t0`: when the store started (its write counter is 0 then). */
  constructor(t0 = 0) {
    this.t0 = t0;
    this._reconciledT = t0;
  }

  /** When the data was last reconciled (the end of the last recorded loss; the start before any). */
  get reconciledT(): number {
    return this._reconciledT;
  }

  /** The store's write counter at reconciledT. */
  get reconciledW(): number {
    return this._reconciledW;
  }

  /**
   * Records that the writes made in (fromT, toT] are lost, the write counter being fromW at fromT
   * and toW at toT, and returns how many of them an earlier record had lost already. Losses are
   * recorded in time order: toT is at or after every earlier toT.
   */
  record(fromT: number, fromW: number, toT: number, toW: number): number {
    if (!(fromT <= toT && fromW <= toW)) {
      throw new RangeError(`LostWrites: a loss runs from (t ${fromT}, writes ${fromW}) to (t ${toT}, writes ${toW}); its end must not precede its start`);
    }
    if (!(toT >= this._reconciledT)) {
      throw new RangeError(`LostWrites: a loss ending at t ${toT} is recorded after one ending at t ${this._reconciledT}; losses are recorded in time order`);
    }
    const s = this.stretches;
    // s[i..] overlap (fromT, toT]: they all end after fromT, and none ends after toT.
    let i = s.length;
    while (i > 0 && s[i - 1]!.toT > fromT) i--;
    let already = 0;
    let startT = fromT;
    let startW = fromW;
    for (let k = i; k < s.length; k++) {
      const x = s[k]!;
      if (x.fromT >= fromT) {
        already += x.toW - x.fromW;
      } else {
        // Only the first can straddle fromT; the merged stretch starts where it does.
        already += x.toW - fromW;
        startT = x.fromT;
        startW = x.fromW;
      }
    }
    if (startT < toT) s.splice(i, s.length - i, { fromT: startT, fromW: startW, toT, toW });
    this._reconciledT = toT;
    this._reconciledW = toW;
    return already;
  }

  /** Records that every write up to toT (toW of them) is lost; returns how many were lost already. */
  recordAll(toT: number, toW: number): number {
    return this.record(this.t0, 0, toT, toW);
  }
}
