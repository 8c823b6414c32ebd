/** Draws a result's `render` with ECharts (only the chart types chart-option.ts plans). */
import * as echarts from 'echarts';
import type { QueryAnswer } from './contract.js';
import { chartOption } from './chart-option.js';

export interface ResultChart {
  /** Draws the answer's chart; returns why not when it cannot. */
  draw(answer: QueryAnswer): string | undefined;
  resize(): void;
}

export function createChart(host: HTMLElement): ResultChart {
  let chart: echarts.ECharts | undefined;
  return {
    draw: (answer) => {
      const plan = chartOption(answer);
      if (!plan.ok) { chart?.clear(); return plan.reason; }
      chart ??= echarts.init(host, undefined, { renderer: 'canvas' });
      chart.setOption(plan.option as echarts.EChartsOption, { notMerge: true });
      return undefined;
    },
    resize: () => chart?.resize(),
  };
}
