'use client';

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { Spinner } from '@/components/ui/spinner';
import { formatNumber } from '@/lib/format';
import type { ResultColumn } from '@/server/data/athena';

/** Every row has this height, so the visible window is plain arithmetic. */
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 32;
const VIEWPORT_HEIGHT = 480;
/** Rows rendered above and below the visible ones, so fast scrolling rarely shows a gap. */
const OVERSCAN = 12;
/**
 * The window moves in blocks of this many rows: scrolling within a block changes nothing React
 * renders, so most scroll events cost no render at all.
 */
const BLOCK = 8;
/** Start fetching the next result page when the window comes this close to the last loaded row. */
const PREFETCH_ROWS = 200;
const SAMPLE_ROWS = 200;
const CHAR_WIDTH = 7.6;

type Row = readonly (string | null)[];

interface Props {
  columns: ResultColumn[];
  rows: readonly Row[];
  ariaLabel: string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Column widths from the header and a sample of the rows, within readable bounds. */
function columnWidths(columns: ResultColumn[], rows: readonly Row[]): number[] {
  return columns.map((column, index) => {
    let longest = column.name.length + 2;
    for (let r = 0; r < Math.min(rows.length, SAMPLE_ROWS); r += 1) {
      const value = rows[r][index];
      longest = Math.max(longest, value === null ? 4 : value.length);
    }
    return Math.round(Math.min(380, Math.max(72, longest * CHAR_WIDTH + 28)));
  });
}

const ResultRow = memo(function ResultRow({ row, index, template, nullLabel }: { row: Row; index: number; template: string; nullLabel: string }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="absolute left-0 grid w-full border-b border-line hover:bg-[#f9f9fa]"
      // Fixed size, own layout and paint: a row entering the window does not make the browser
      // lay out or repaint the rows around it.
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: template, contain: 'strict' }}
    >
      <div role="cell" className="truncate px-3 text-right leading-[27px] text-ink-secondary tabular-nums">
        {index + 1}
      </div>
      {row.map((value, column) => (
        <div key={column} role="cell" className="truncate px-3 leading-[27px]" title={value !== null && value.length > 40 ? value : undefined}>
          {value === null ? <span className="rounded bg-subtle px-1 text-[12px] text-ink-secondary italic">{nullLabel}</span> : value}
        </div>
      ))}
    </div>
  );
});

/**
 * Query results in a windowed grid: only the rows in view (plus a margin) are in the DOM, so ten
 * thousand rows scroll as smoothly as ten. Further GetQueryResults pages are fetched as the user
 * scrolls toward the end of what is loaded.
 */
export function ResultsTable({ columns, rows, ariaLabel, hasMore, loadingMore, onLoadMore }: Props) {
  const t = useT();
  const lang = useLang();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [block, setBlock] = useState(0);

  // Widths come from the first page; later pages keep them so columns never jump while scrolling.
  const firstRows = rows.length > 0 ? rows[0] : null;
  const widths = useMemo(
    () => columnWidths(columns, rows),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, firstRows],
  );
  const numberWidth = Math.max(48, String(rows.length).length * 8 + 28);
  const template = `${numberWidth}px ${widths.map((width) => `${width}px`).join(' ')}`;
  const totalWidth = numberWidth + widths.reduce((sum, width) => sum + width, 0);

  const bodyHeight = rows.length * ROW_HEIGHT;
  const viewport = Math.min(VIEWPORT_HEIGHT, HEADER_HEIGHT + Math.max(bodyHeight, ROW_HEIGHT) + 2);
  const first = Math.max(0, block * BLOCK - OVERSCAN);
  const last = Math.min(rows.length, block * BLOCK + BLOCK + Math.ceil(viewport / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && !loadingMore && last >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loadingMore, last, rows.length, onLoadMore]);

  // React skips the render when the block is unchanged.
  const onScroll = () => setBlock(Math.floor((scrollRef.current?.scrollTop ?? 0) / ROW_HEIGHT / BLOCK));

  const nullLabel = t('athena.results.null');
  const rowCount = useMemo(() => formatNumber(rows.length, lang), [rows.length, lang]);
  const visible: React.ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    visible.push(<ResultRow key={index} row={rows[index]} index={index} template={template} nullLabel={nullLabel} />);
  }

  return (
    <div>
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="table"
        aria-label={ariaLabel}
        aria-rowcount={hasMore ? -1 : rows.length + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
        className="relative overflow-auto rounded-lg border border-line"
        style={{ height: viewport }}
        data-testid="results-scroller"
      >
        <div style={{ width: totalWidth, minWidth: '100%' }}>
          <div role="rowgroup" className="sticky top-0 z-10">
            <div
              role="row"
              aria-rowindex={1}
              className="grid border-b border-line-strong bg-white font-bold text-[#414d5c]"
              style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
            >
              <div role="columnheader" className="px-3 text-right leading-[31px]">
                #
              </div>
              {columns.map((column, index) => (
                <div key={index} role="columnheader" className="truncate px-3 leading-[31px]" title={`${column.name} (${column.type})`}>
                  {column.name}
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className="relative font-mono text-[12.5px]" style={{ height: bodyHeight }}>
            {visible}
          </div>
        </div>
      </div>
      <div className="mt-2 flex items-center gap-2 text-ink-secondary" aria-live="polite">
        {loadingMore && <Spinner />}
        <span>
          {hasMore ? t('athena.results.loadedMore', { count: rowCount }) : t('athena.results.loadedAll', { count: rowCount })}
        </span>
      </div>
    </div>
  );
}
