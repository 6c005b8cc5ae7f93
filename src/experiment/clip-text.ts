// Long values quoted in error messages are clipped: a message names what is wrong in one
// readable line, it does not echo a 2 MB value back.

/** Characters of a value quoted in a message at most. */
export const MAX_QUOTED_CHARS = 80;

/** `text` cut to `max` characters, the cut marked with "…" and the original length. */
export function clipText(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

// A JSON-quoted string (what messages use to quote values and keys) longer than the limit.
const LONG_QUOTED = new RegExp(String.raw`"(?:[^"\\\n]|\\.){${MAX_QUOTED_CHARS + 1},}"`, 'g');

/** `message` with every quoted string longer than MAX_QUOTED_CHARS clipped. */
export function clipQuoted(message: string): string {
  return message.replace(LONG_QUOTED, (q) => `"${clipText(q.slice(1, -1))}"`);
}
