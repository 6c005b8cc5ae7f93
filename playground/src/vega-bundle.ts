// The chart renderer of the report (src/report/render-svg.ts, vega and vega-lite), a bundle of its
// own that the page loads only after a run: the page starts without it.
import { renderSvg } from '../../src/report/render-svg.js';

(globalThis as { hasimRenderSvg?: typeof renderSvg }).hasimRenderSvg = renderSvg;
