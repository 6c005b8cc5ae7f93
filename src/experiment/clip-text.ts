// Long values quoted in error messages are clipped: a message names what is wrong in one
// readable line, it does not echo a 2 MB value back.

/** Characters of a value quoted in a message at most. */
export const MAX_QUOTED_CHARS = 80;

/** `text` cut to `max` characters, the cut marked with "…" and the original length. */
export function clipText(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

// A JSON-quoted string (what messages use to quote values and keys). Every one is matched, long
// or short, so that quotes pair up from the left: the text between two quoted strings is never
// taken for one.
const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;

/** `message` with every quoted string longer than MAX_QUOTED_CHARS clipped. */
export function clipQuoted(message: string): string {
  return message.replace(QUOTED, (q) => (q.length - 2 > MAX_QUOTED_CHARS ? `"${clipText(q.slice(1, -1))}"` : q));
}
