// Shared look of every chart: sizes, fonts, a white background (SVGs pasted into slides), and
// the data row type. Charts carry their data inline, so rendering loads nothing.
import type { TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;
export type Row = Record<string, number | string | null>;

export const CHART_WIDTH = 330;
export const CHART_HEIGHT = 210;

export const chartConfig = {
  background: 'white',
  padding: 8,
  config: {
    font: 'Helvetica, Arial, sans-serif',
    view: { stroke: '#ddd' },
    axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
    legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 400, titleLimit: 400 },
    title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start' as const },
  },
};

export function title(text: string, subtitle?: string): { text: string; subtitle?: string } {
  return subtitle ? { text, subtitle } : { text };
}
