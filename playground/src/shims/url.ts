// node:url for the browser bundles: modules that find files next to themselves are not used in
// the page (src/experiment/version.ts is replaced at build time), so this only names the path.
export function fileURLToPath(url: string | URL): string {
  return new URL(String(url)).pathname;
}
export function pathToFileURL(path: string): URL {
  return new URL(`file://${path}`);
}
