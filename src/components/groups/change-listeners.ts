// The listener list of a replica group: `onChange` subscribers called after any change of
// `routable()` or `available`.
export class ChangeListeners {
  private readonly list: (() => void)[] = [];

  add(listener: () => void): void {
    if (typeof listener !== 'function') throw new TypeError(`onChange: listener must be a function, got ${String(listener)}`);
    this.list.push(listener);
  }

  emit(): void {
    const l = this.list;
    for (let i = 0; i < l.length; i++) (l[i] as () => void)();
  }
}
