import '@mantine/charts/styles.css';
import { BarChart, type BarChartSeries } from '@mantine/charts';
import { Text } from '@mantine/core';
import { CALL_OUTCOMES, type CallOutcome, type CallSeries } from '../../../shared/campaigns/types';
import { wholeTicks } from './axisTicks';
import { OUTCOME_LABEL } from './format';

const OUTCOME_COLOR: Record<CallOutcome, string> = {
  answered: 'teal.6',
  voicemail: 'indigo.4',
  no_answer: 'gray.5',
  busy: 'orange.5',
  declined: 'pink.5',
  invalid_number: 'yellow.6',
  failed: 'red.7',
  cancelled: 'dark.3',
  transferred: 'cyan.6',
};
const IN_PROGRESS: BarChartSeries = { name: 'inProgress', label: 'In progress', color: 'blue.4' };

/** The bucket's start as people read it: the time of day for buckets under a day, else the date. */
function bucketLabel(at: string, bucketMinutes: number): string {
  const date = new Date(at);
  return bucketMinutes < 1440 ? date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }) : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** Calls over time, stacked by outcome; only the outcomes that occurred get a colour in the legend. */
export function CallsChart({ series }: { series: CallSeries }) {
  if (series.points.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No calls yet. The chart fills in as calls are placed.
      </Text>
    );
  }
  const data = series.points.map((p) => ({ time: bucketLabel(p.at, series.bucketMinutes), ...p.outcomes, inProgress: p.inProgress }));
  const seen = (name: string) => data.some((row) => (row as Record<string, unknown>)[name] !== 0);
  const bars: BarChartSeries[] = [
    ...CALL_OUTCOMES.filter(seen).map((o) => ({ name: o, label: OUTCOME_LABEL[o], color: OUTCOME_COLOR[o] })),
    ...(seen(IN_PROGRESS.name) ? [IN_PROGRESS] : []),
  ];
  // the tallest stacked bar sets a round top; its ticks are whole calls
  const ticks = wholeTicks(Math.max(...series.points.map((p) => Object.values(p.outcomes).reduce((a, b) => a + b, p.inProgress))));
  const per = series.bucketMinutes < 60 ? `${series.bucketMinutes} min` : series.bucketMinutes < 1440 ? `${series.bucketMinutes / 60} h` : `${series.bucketMinutes / 1440} d`;
  return (
    <>
      <Text size="xs" c="dimmed">
        Calls started per {per}, by outcome (your time)
      </Text>
      <BarChart
        h={200}
        data={data}
        dataKey="time"
        type="stacked"
        series={bars}
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 30 }}
        tickLine="y"
        gridAxis="y"
        maxBarWidth={24}
        yAxisProps={{ allowDecimals: false, domain: [0, ticks[ticks.length - 1]], ticks, interval: 0 }}
        aria-label="Calls over time by outcome"
        role="img"
      />
    </>
  );
}
