import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * One uPlot chart that fills its container's width. `options` must be stable (a module
 * constant or memoised): a new object rebuilds the chart, new `data` only redraws it.
 */
export function UPlotChart(props: {
  options: ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props.data);
  latest.current = props.data;

  useEffect(() => {
    const target = container.current;
    if (!target) return;
    const chart = new uPlot(
      { ...props.options, width: Math.max(target.clientWidth, 100), height: props.height },
      latest.current,
      target,
    );
    plot.current = chart;
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(target.clientWidth, 100), height: props.height });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [props.options, props.height]);

  useEffect(() => {
    plot.current?.setData(props.data);
  }, [props.data]);

  return <div class="chart" ref={container} role="img" aria-label={props.label} />;
}
