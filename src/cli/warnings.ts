// Warnings go to stderr, one plain line each, whatever --quiet says: they are what keeps a
// reader from a wrong conclusion. meta.json keeps them too.
export function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
}
