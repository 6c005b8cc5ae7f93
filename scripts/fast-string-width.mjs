// string-width as the bundled CLI uses it (scripts/bundle-cli.mjs puts it in place of every
// `string-width` the help layout imports: cliui's, wrap-ansi's, yargs'). yargs lays out a
// command's whole help text at every run (to have it ready for an error), and string-width
// segments each string with Intl.Segmenter and Unicode property regexes: a tenth of
// `hasim validate`'s start-up. Text made only of characters one column wide — printable ASCII,
// Latin-1 without the soft hyphen, © and ® (emoji to string-width), dashes, quotes, …, arrows, ±, ×, ≤, ≥ — is as wide as it is long;
// anything else (escape codes, wide or combining characters, emoji, options) goes to the real
// string-width, loaded on first need. `node scripts/check-fast-string-width.mjs` checks every
// character of the class against the real versions.
export const ONE_COLUMN = /^[\x20-\x7E\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u00FF\u2010-\u2015\u2018-\u2022\u2026\u2190-\u2193\u2212\u2264\u2265]*$/;

/** The width function: the fast path in front of `real` (a loader, called at most once). */
export function fastStringWidth(loadReal) {
  let real;
  return function stringWidth(string, options) {
    if (options === undefined && typeof string === 'string' && ONE_COLUMN.test(string)) return string.length;
    real ??= loadReal();
    return real(string, options);
  };
}
