// node:fs for the browser bundles: an in-memory folder of files. The page puts a run's result
// files here (virtualFiles) so the report's reader (src/report/read-results.ts) reads them as it
// reads a result directory; every write is refused (the page writes nothing).
const files = new Map<string, string>();

/** Replaces the files under `dir` with `contents` (name → text). */
export function virtualFiles(dir: string, contents: ReadonlyMap<string, string>): void {
  for (const k of [...files.keys()]) if (k.startsWith(`${dir}/`)) files.delete(k);
  for (const [name, text] of contents) files.set(`${dir}/${name}`, text);
}

function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file, ${path}`), { code: 'ENOENT' });
}

export function existsSync(path: string): boolean {
  return files.has(path);
}
export function readFileSync(path: string): string {
  const text = files.get(path);
  if (text === undefined) throw missing(path);
  return text;
}
export function statSync(path: string): { size: number; ino: number; dev: number; mtimeMs: number; ctimeMs: number; isDirectory: () => boolean; isFile: () => boolean } {
  const text = files.get(path);
  if (text === undefined) throw missing(path);
  return { size: text.length, ino: 1, dev: 1, mtimeMs: 0, ctimeMs: 0, isDirectory: () => false, isFile: () => true };
}
function refused(): never {
  throw new Error('the playground writes no files');
}
export const mkdirSync = refused;
export const writeFileSync = refused;
export const renameSync = refused;
export const rmSync = refused;
export const readdirSync = refused;
export const openSync = refused;
export const closeSync = refused;
export const writeSync = refused;
export const fsyncSync = refused;
export const unlinkSync = refused;
