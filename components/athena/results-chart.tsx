'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Select } from '@/components/ui/select';
import { formatNumber } from '@/lib/format';
import { chartBars, defaultChartColumns, niceScale, numericColumns } from '@/lib/results-chart';
import type { ResultColumn } from '@/server/data/athena';

const BAR_LIMIT = 50;
const BAR_HEIGHT = 22;
const BAR_GAP = 6;
const LABEL_WIDTH = 200;
const VALUE_ROOM = 90;
const AXIS_HEIGHT = 24;
/** Narrower than this the chart scrolls sideways instead of squeezing its labels. */
const MIN_WIDTH = 560;

function shorten(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A horizontal bar chart of the loaded result rows: one column labels the bars, a numeric one sets
 * their length. Both are picked automatically and can be changed. Drawn as plain SVG.
 */
export function ResultsChart({ columns, rows }: { columns: ResultColumn[]; rows: readonly (readonly (string | null)[])[] }) {
  const t = useT();
  const lang = useLang();
  const labelId = useId();
  const valueId = useId();
  const titleId = useId();
  const defaults = defaultChartColumns(columns, rows);
  const [picked, setPicked] = useState<{ label: number; value: number } | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState(880);
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setBoxWidth(Math.floor(entry.contentRect.width)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  const width = Math.max(MIN_WIDTH, boxWidth);
  const choice = picked && picked.label < columns.length && picked.value < columns.length ? picked : defaults;

  if (!choice) return <Alert type="info" header={t('athena.chart.unavailableTitle')}>{t('athena.chart.unavailable')}</Alert>;

  const bars = chartBars(rows, choice.label, choice.value, BAR_LIMIT);
  const scale = niceScale(bars.map((bar) => bar.value));
  const plotWidth = width - LABEL_WIDTH - VALUE_ROOM;
  const x = (value: number) => LABEL_WIDTH + ((value - scale.min) / (scale.max - scale.min)) * plotWidth;
  const height = AXIS_HEIGHT + bars.length * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
  const valueName = columns[choice.value].name;
  const labelName = columns[choice.label].name;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor={labelId} className="font-bold">
            {t('athena.chart.labelColumn')}
          </label>
          <Select
            id={labelId}
            value={String(choice.label)}
            onChange={(event) => setPicked({ ...choice, label: Number(event.target.value) })}
            options={columns.map((column, index) => ({ value: String(index), label: column.name }))}
            className="w-56"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={valueId} className="font-bold">
            {t('athena.chart.valueColumn')}
          </label>
          <Select
            id={valueId}
            value={String(choice.value)}
            onChange={(event) => setPicked({ ...choice, value: Number(event.target.value) })}
            options={numericColumns(columns).map((index) => ({ value: String(index), label: columns[index].name }))}
            className="w-56"
          />
        </div>
      </div>
      <p id={titleId} className="text-ink-secondary">
        {rows.length > BAR_LIMIT
          ? t('athena.chart.captionFirst', { value: valueName, label: labelName, count: BAR_LIMIT })
          : t('athena.chart.caption', { value: valueName, label: labelName })}
      </p>
      <div ref={boxRef} className="overflow-x-auto">
        {bars.length === 0 ? (
          <Alert type="info">{t('athena.chart.noValues')}</Alert>
        ) : (
          <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-none font-sans text-[12px]">
            {scale.ticks.map((tick) => (
              <g key={tick}>
                <line x1={x(tick)} x2={x(tick)} y1={AXIS_HEIGHT - 4} y2={height} stroke={tick === 0 ? '#7d8998' : '#e9ebed'} />
                <text x={x(tick)} y={AXIS_HEIGHT - 8} textAnchor="middle" fill="#5f6b7a">
                  {formatNumber(tick, lang)}
                </text>
              </g>
            ))}
            {bars.map((bar, index) => {
              const y = AXIS_HEIGHT + BAR_GAP + index * (BAR_HEIGHT + BAR_GAP);
              const from = x(Math.min(0, bar.value));
              const to = x(Math.max(0, bar.value));
              return (
                <g key={index}>
                  <title>{`${bar.label}: ${formatNumber(bar.value, lang)}`}</title>
                  <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} dominantBaseline="middle" textAnchor="end" fill="#000716">
                    {shorten(bar.label)}
                  </text>
                  <rect x={from} y={y} width={Math.max(1, to - from)} height={BAR_HEIGHT} rx={3} fill="#0972d3" />
                  <text x={to + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle" fill="#414d5c">
                    {formatNumber(bar.value, lang)}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </div>
  );
}
