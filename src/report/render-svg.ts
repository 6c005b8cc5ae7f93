// Vega-Lite spec → SVG text, in Node, without a canvas or a browser: the spec is compiled to
// Vega and rendered headless (renderer 'none') by View.toSVG. Data are inline, and the view's
// loader refuses every load, so rendering never touches the network or the disk.
import { loader, parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './spec-common.js';

function offlineLoader() {
  const l = loader();
  l.load = (uri: string) => Promise.reject(new Error(`report charts load nothing (asked for ${uri})`));
  return l;
}

/**
 * Prefixes the SVG's element ids (clip paths, gradients) and their references with `scope`, so
 * that several charts inlined in one HTML page cannot point at each other's definitions.
 */
export function scopeSvgIds(svg: string, scope: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${scope}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${scope}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${scope}-${id}"`);
}

export async function renderSvg(spec: ChartSpec, scope: string): Promise<string> {
  const vgSpec = compile(spec).spec;
  const view = new View(parse(vgSpec), { renderer: 'none', loader: offlineLoader() });
  try {
    const svg = await view.toSVG();
    return scopeSvgIds(svg, scope);
  } finally {
    view.finalize();
  }
}
