/**
 * The parts of ECharts the dashboard uses, registered once. Only ever loaded with import() (see EChart.tsx), so
 * that ECharts is a chunk of its own, fetched when a chart is first shown.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
