import { describe, expect, it } from 'vitest';
import { chartBars, defaultChartColumns, isNumericType, niceScale } from './results-chart';

describe('defaultChartColumns', () => {
  it('labels with the first text column and measures with the first numeric one', () => {
    expect(defaultChartColumns([{ name: 'total_bytes', type: 'bigint' }, { name: 'ip', type: 'varchar' }])).toEqual({ label: 1, value: 0 });
    expect(
      defaultChartColumns([
        { name: 'totalbytes', type: 'bigint' },
        { name: 'srcaddr', type: 'varchar' },
        { name: 'dstaddr', type: 'varchar' },
      ]),
    ).toEqual({ label: 1, value: 0 });
    expect(defaultChartColumns([{ name: 'port', type: 'integer' }, { name: 'n', type: 'decimal(10,2)' }])).toEqual({ label: 0, value: 1 });
    expect(defaultChartColumns([{ name: 'a', type: 'integer' }, { name: 'b', type: 'integer' }])).toEqual({ label: 1, value: 0 });
    expect(defaultChartColumns([{ name: 'port', type: 'integer' }, { name: 'total', type: 'bigint' }])).toEqual({ label: 0, value: 1 });
  });

  it('prefers a measure-like value column and the most varied label column', () => {
    const columns = [
      { name: 'version', type: 'integer' },
      { name: 'account_id', type: 'varchar' },
      { name: 'srcaddr', type: 'varchar' },
      { name: 'srcport', type: 'integer' },
      { name: 'bytes', type: 'bigint' },
    ];
    const rows = [
      ['2', '000000000000', '10.0.0.1', '22', '100'],
      ['2', '000000000000', '10.0.0.2', '22', '200'],
    ];
    expect(defaultChartColumns(columns, rows)).toEqual({ label: 2, value: 4 });
    expect(defaultChartColumns(columns)).toEqual({ label: 1, value: 4 });
  });

  it('has no chart without a numeric column or without a second column', () => {
    expect(defaultChartColumns([{ name: 'a', type: 'varchar' }, { name: 'b', type: 'varchar' }])).toBeNull();
    expect(defaultChartColumns([{ name: 'totalbytes', type: 'bigint' }])).toBeNull();
  });
});

describe('isNumericType', () => {
  it('knows the Athena numeric types', () => {
    for (const type of ['tinyint', 'smallint', 'integer', 'bigint', 'double', 'real', 'decimal(38,0)']) expect(isNumericType(type)).toBe(true);
    for (const type of ['varchar', 'timestamp', 'boolean', 'array(integer)']) expect(isNumericType(type)).toBe(false);
  });
});

describe('chartBars', () => {
  it('takes numeric values, skips NULL and non-numbers, and stops at the limit', () => {
    const rows = [
      ['10.0.0.1', '300'],
      [null, '20'],
      ['10.0.0.3', null],
      ['10.0.0.4', 'x'],
      ['10.0.0.5', '-5'],
    ];
    expect(chartBars(rows, 0, 1)).toEqual([
      { label: '10.0.0.1', value: 300 },
      { label: 'NULL', value: 20 },
      { label: '10.0.0.5', value: -5 },
    ]);
    expect(chartBars(rows, 0, 1, 1)).toHaveLength(1);
  });
});

describe('niceScale', () => {
  it('rounds the axis to 1, 2 or 5 steps and includes zero', () => {
    expect(niceScale([0, 87])).toEqual({ min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceScale([1_234_567])).toEqual({ min: 0, max: 1_500_000, ticks: [0, 500_000, 1_000_000, 1_500_000] });
    expect(niceScale([-30, 45]).ticks).toEqual([-40, -20, 0, 20, 40, 60]);
    expect(niceScale([0.3])).toEqual({ min: 0, max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceScale([])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });
});
