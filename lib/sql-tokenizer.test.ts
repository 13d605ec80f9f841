import { describe, expect, it } from 'vitest';
import { countSqlParameters, identifierName, significantTokens, tokenizeSql, type SqlTokenType } from './sql-tokenizer';

const kinds = (sql: string) => significantTokens(tokenizeSql(sql)).map((token) => [token.type, token.text] as [SqlTokenType, string]);

describe('tokenizeSql', () => {
  it('gives back the input exactly, whatever it is', () => {
    const inputs = [
      'SELECT *\nFROM t\nWHERE srcport in (22,3389) OR dstport IN (22, 3389)\nORDER BY "start" ASC\nlimit 50',
      "SELECT 'unterminated",
      'SELECT "open',
      'SELECT /* open comment',
      "-- only a comment\n",
      "x'0A' U&'a' `tick` 1e5 1.5e-3 .5 10.0.0.1 ü日本語 ≠ ~ ^",
      '',
      '\t\r\n ',
    ];
    for (const input of inputs) {
      const tokens = tokenizeSql(input);
      expect(tokens.map((token) => token.text).join('')).toBe(input);
      for (const token of tokens) expect(input.slice(token.start, token.start + token.text.length)).toBe(token.text);
    }
  });

  it('tells keywords, functions, identifiers, quoted identifiers, strings and numbers apart', () => {
    expect(kinds(`SELECT SUM(bytes) as total, "start" FROM t WHERE "action" = 'REJECT' AND x >= 1.5`)).toEqual([
      ['keyword', 'SELECT'],
      ['function', 'SUM'],
      ['punctuation', '('],
      ['identifier', 'bytes'],
      ['punctuation', ')'],
      ['keyword', 'as'],
      ['identifier', 'total'],
      ['punctuation', ','],
      ['quoted-identifier', '"start"'],
      ['keyword', 'FROM'],
      ['identifier', 't'],
      ['keyword', 'WHERE'],
      ['quoted-identifier', '"action"'],
      ['operator', '='],
      ['string', "'REJECT'"],
      ['keyword', 'AND'],
      ['identifier', 'x'],
      ['operator', '>='],
      ['number', '1.5'],
    ]);
  });

  it('keeps doubled quotes inside strings and identifiers', () => {
    expect(kinds(`'it''s' "a""b"`)).toEqual([
      ['string', "'it''s'"],
      ['quoted-identifier', '"a""b"'],
    ]);
  });

  it('reads comments of both kinds and multi-character operators', () => {
    const tokens = tokenizeSql('a <> b -- note ?\n/* ? */ c || d != e');
    expect(tokens.filter((t) => t.type === 'comment').map((t) => t.text)).toEqual(['-- note ?', '/* ? */']);
    expect(tokens.filter((t) => t.type === 'operator').map((t) => t.text)).toEqual(['<>', '||', '!=']);
  });

  it('calls a name a function only when a parenthesis follows', () => {
    expect(kinds('from_unixtime ("start") AS start_time')[0]).toEqual(['function', 'from_unixtime']);
    expect(kinds('count FROM t')[0]).toEqual(['identifier', 'count']);
  });
});

describe('countSqlParameters', () => {
  it('counts placeholders but not question marks in strings, identifiers or comments', () => {
    expect(countSqlParameters("SELECT * FROM t WHERE srcaddr = ? AND note = '?' AND \"a?\" = ? -- ?")).toBe(2);
    expect(countSqlParameters('SELECT 1')).toBe(0);
    expect(countSqlParameters('SELECT * FROM t WHERE srcport IN (?,?,?)')).toBe(3);
  });
});

describe('identifierName', () => {
  it('folds case, quoted or not, as Athena does', () => {
    const [a, b, c] = significantTokens(tokenizeSql('SrcAddr "DstAddr" "a""b"'));
    expect([identifierName(a), identifierName(b), identifierName(c)]).toEqual(['srcaddr', 'dstaddr', 'a"b']);
    expect(identifierName(significantTokens(tokenizeSql("'x'"))[0])).toBeNull();
  });
});
