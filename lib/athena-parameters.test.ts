import { describe, expect, it } from 'vitest';
import {
  detectParameterContexts,
  isIPv4,
  isIPv6,
  isSqlLiteral,
  parameterKindForColumn,
  sqlStringLiteral,
  toExecutionParameter,
} from './athena-parameters';

const kinds = (sql: string, types?: Record<string, string>) => detectParameterContexts(sql, types).map((c) => [c.column, c.kind]);

describe('detectParameterContexts', () => {
  it('finds the address, port and typed columns a placeholder is compared with', () => {
    expect(kinds('SELECT * FROM t WHERE srcaddr = ? AND dstport = ? AND "action" = ? AND bytes > ?')).toEqual([
      ['srcaddr', 'ip'],
      ['dstport', 'port'],
      ['action', 'string'],
      ['bytes', 'integer'],
    ]);
  });

  it('reads the packet-level address columns, qualified names and reversed comparisons', () => {
    expect(kinds('SELECT * FROM t x WHERE x.pkt_dstaddr = ? OR ? = x."PKT_SRCADDR" OR ? <> srcport')).toEqual([
      ['pkt_dstaddr', 'ip'],
      ['pkt_srcaddr', 'ip'],
      ['srcport', 'port'],
    ]);
  });

  it('reads IN lists, NOT IN, BETWEEN and LIKE', () => {
    expect(kinds('WHERE srcport IN (22, ?, ?) AND dstaddr NOT IN (?) AND "start" BETWEEN ? AND ? AND interface_id LIKE ?')).toEqual([
      ['srcport', 'port'],
      ['srcport', 'port'],
      ['dstaddr', 'ip'],
      ['start', 'integer'],
      ['start', 'integer'],
      ['interface_id', 'string'],
    ]);
  });

  it('falls back to a plain literal where the context is unknown, and uses given column types', () => {
    expect(kinds('SELECT ? FROM t WHERE from_unixtime("start") > ? LIMIT 10')).toEqual([
      [null, 'literal'],
      [null, 'literal'],
    ]);
    expect(kinds('WHERE score >= ? AND label = ? AND day = ?', { score: 'double', label: 'varchar(20)', day: 'date' })).toEqual([
      ['score', 'number'],
      ['label', 'string'],
      ['day', 'literal'],
    ]);
  });

  it('ignores placeholders in strings and comments, keeping the order of the real ones', () => {
    const contexts = detectParameterContexts("SELECT '?' -- ?\nFROM t WHERE dstport = ? /* ? */ AND srcaddr = ?");
    expect(contexts.map((c) => [c.index, c.kind])).toEqual([
      [0, 'port'],
      [1, 'ip'],
    ]);
  });
});

describe('parameterKindForColumn', () => {
  it('knows the flow log fields by their column names', () => {
    expect(parameterKindForColumn('log_status')).toBe('string');
    expect(parameterKindForColumn('tcp_flags')).toBe('integer');
    expect(parameterKindForColumn('pkt-srcaddr')).toBe('ip');
    expect(parameterKindForColumn('something_else')).toBe('literal');
    expect(parameterKindForColumn(null)).toBe('literal');
  });
});

describe('addresses', () => {
  it('accepts IPv4 and IPv6 in their text forms', () => {
    for (const ok of ['10.0.0.1', '0.0.0.0', '255.255.255.255']) expect(isIPv4(ok)).toBe(true);
    for (const bad of ['10.0.0', '10.0.0.256', '01.2.3.4', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.-4', 'a.b.c.d']) expect(isIPv4(bad)).toBe(false);
    for (const ok of ['::', '::1', '2001:db8::1', 'fe80::1:2:3:4', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:10.0.0.1', '1::']) {
      expect(isIPv6(ok)).toBe(true);
    }
    for (const bad of ['2001:db8::1::2', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', ':::', '::ffff:10.0.0.300', '1.2.3.4::']) {
      expect(isIPv6(bad)).toBe(false);
    }
  });
});

describe('toExecutionParameter', () => {
  it('quotes a valid address as a string literal and rejects anything else', () => {
    expect(toExecutionParameter(' 10.0.0.1 ', 'ip')).toEqual({ ok: true, value: "'10.0.0.1'" });
    expect(toExecutionParameter("'2001:db8::1'", 'ip')).toEqual({ ok: true, value: "'2001:db8::1'" });
    expect(toExecutionParameter('10.0.0.999', 'ip')).toEqual({ ok: false, error: 'ip' });
    expect(toExecutionParameter("10.0.0.1' OR '1'='1", 'ip')).toEqual({ ok: false, error: 'ip' });
    expect(toExecutionParameter('', 'ip')).toEqual({ ok: false, error: 'required' });
  });

  it('takes ports 0–65535 and whole numbers as numbers', () => {
    expect(toExecutionParameter('022', 'port')).toEqual({ ok: true, value: '22' });
    expect(toExecutionParameter('65536', 'port')).toEqual({ ok: false, error: 'port' });
    expect(toExecutionParameter('-1', 'port')).toEqual({ ok: false, error: 'port' });
    expect(toExecutionParameter('22 OR 1=1', 'port')).toEqual({ ok: false, error: 'port' });
    expect(toExecutionParameter('-17', 'integer')).toEqual({ ok: true, value: '-17' });
    expect(toExecutionParameter('9223372036854775808', 'integer')).toEqual({ ok: false, error: 'integer' });
    expect(toExecutionParameter('1.5e3', 'number')).toEqual({ ok: true, value: '1.5e3' });
    expect(toExecutionParameter('1,5', 'number')).toEqual({ ok: false, error: 'number' });
  });

  it('quotes strings, escaping quotes, and keeps a value that is already one literal', () => {
    expect(toExecutionParameter('REJECT', 'string')).toEqual({ ok: true, value: "'REJECT'" });
    expect(toExecutionParameter("'REJECT'", 'string')).toEqual({ ok: true, value: "'REJECT'" });
    expect(toExecutionParameter("it's", 'string')).toEqual({ ok: true, value: "'it''s'" });
    expect(toExecutionParameter("x' OR 'a'='a", 'string')).toEqual({ ok: true, value: "'x'' OR ''a''=''a'" });
    expect(sqlStringLiteral("''")).toBe("''''''");
  });

  it('takes exactly one SQL literal where the context is unknown', () => {
    for (const ok of ["'text'", '42', '-3.5', 'TRUE', 'null', "DATE '2024-01-01'", "TIMESTAMP '2024-01-01 00:00:00'", "INTERVAL '2' DAY", "X'0A'"]) {
      expect(isSqlLiteral(ok)).toBe(true);
      expect(toExecutionParameter(ok, 'literal')).toEqual({ ok: true, value: ok });
    }
    for (const bad of ['text', "'open", "'a' 'b'", '1; DROP TABLE t', "'a' OR 1=1", 'srcaddr', '(1)', "'it's'", 'DATE']) {
      expect(isSqlLiteral(bad)).toBe(false);
      expect(toExecutionParameter(bad, 'literal')).toEqual({ ok: false, error: 'literal' });
    }
  });

  it('refuses values longer than Athena takes', () => {
    expect(toExecutionParameter('x'.repeat(1100), 'string')).toEqual({ ok: false, error: 'tooLong' });
  });
});
