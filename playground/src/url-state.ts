// The experiment in the URL's fragment: `#exp=<deflate-raw, base64url>` holds the YAML itself,
// `#example=<name>` names a shipped experiment, and `&run` asks to run it on load.

export interface UrlState {
  readonly exp?: string;
  readonly example?: string;
  readonly run: boolean;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeExperiment(yaml: string): Promise<string> {
  return toBase64Url(await through(new TextEncoder().encode(yaml), new CompressionStream('deflate-raw')));
}

export async function decodeExperiment(encoded: string): Promise<string> {
  return new TextDecoder().decode(await through(fromBase64Url(encoded), new DecompressionStream('deflate-raw')));
}

export async function readUrlState(hash: string): Promise<UrlState> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const exp = params.get('exp');
  const example = params.get('example');
  return { ...(exp ? { exp: await decodeExperiment(exp) } : {}), ...(example ? { example } : {}), run: params.has('run') };
}
