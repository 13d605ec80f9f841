import { describe, expect, it } from 'vitest';
import { languageForKey, tokenize, tokenizeDelimited, tokenizeJson, tokenizeYaml, type Token } from './code-highlight';

const joined = (tokens: Token[]) => tokens.map((t) => t.text).join('');
const typesOf = (tokens: Token[], type: Token['type']) => tokens.filter((t) => t.type === type).map((t) => t.text);

describe('languageForKey', () => {
  it('recognises templates, results and logs, looking through .gz', () => {
    expect(languageForKey('VPCFlowLogsIntegrationTemplate_fl-1_2025.yml')).toBe('yaml');
    expect(languageForKey('a/b/config.JSON')).toBe('json');
    expect(languageForKey('results/6f1a.csv')).toBe('csv');
    expect(languageForKey('AWSLogs/x/y.log.gz')).toBe('text');
    expect(languageForKey('data.tsv.gz')).toBe('tsv');
  });

  it('has no opinion about unknown or missing extensions', () => {
    expect(languageForKey('image.png')).toBeUndefined();
    expect(languageForKey('README')).toBeUndefined();
    expect(languageForKey('.hidden')).toBeUndefined();
  });
});

describe('tokenizers never lose text', () => {
  const samples: [string, Parameters<typeof tokenize>[1]][] = [
    ['{"a": [1, -2.5e3, true, null], "b": "x\\"y"}', 'json'],
    ['{"unterminated": "abc\n  broken ]', 'json'],
    ["a: 'it''s'\nb: \"q\" # c\n- - x\nblock: |\n  line1\n\n  line2\nnext: 1\n", 'yaml'],
    ['h1,h2\n"a,b","c""d"\r\n1,2\n"multi\nline",3', 'csv'],
    ['a\tb\n1\t2', 'tsv'],
    ['plain text', 'text'],
  ];
  it.each(samples)('%j as %s', (text, language) => {
    expect(joined(tokenize(text, language))).toBe(text);
  });
});

describe('JSON', () => {
  it('tells keys from string values and marks literals', () => {
    const tokens = tokenizeJson('{"name": "demo", "count": 3, "ok": false, "none": null}');
    expect(typesOf(tokens, 'key')).toEqual(['"name"', '"count"', '"ok"', '"none"']);
    expect(typesOf(tokens, 'string')).toEqual(['"demo"']);
    expect(typesOf(tokens, 'number')).toEqual(['3']);
    expect(typesOf(tokens, 'keyword')).toEqual(['false', 'null']);
  });
});

describe('YAML', () => {
  it('handles CloudFormation intrinsic tags, comments and flow sequences', () => {
    const tokens = tokenize(
      "Resources:\n  Db:\n    Type: AWS::Glue::Database\n    Name: !Sub 'db${AWS::StackName}' # name\n    Values: [none, daily]\n",
      'yaml',
    );
    expect(typesOf(tokens, 'key')).toEqual(['Resources', 'Db', 'Type', 'Name', 'Values']);
    expect(typesOf(tokens, 'meta')).toEqual(['!Sub']);
    expect(typesOf(tokens, 'comment')).toEqual(['# name']);
    expect(typesOf(tokens, 'string')).toContain('AWS::Glue::Database');
    expect(typesOf(tokens, 'string')).toContain("'db${AWS::StackName}'");
  });

  it('treats a block scalar as text until the indentation returns', () => {
    const tokens = tokenizeYaml('Code:\n  ZipFile: |\n    key: not a key\n    # not a comment\n  Next: 1\n');
    expect(typesOf(tokens, 'key')).toEqual(['Code', 'ZipFile', 'Next']);
    expect(typesOf(tokens, 'comment')).toEqual([]);
    expect(tokens.some((t) => t.type === 'string' && t.text.includes('key: not a key'))).toBe(true);
  });

  it('does not take URLs or times for keys', () => {
    const tokens = tokenizeYaml('- http://example.com/a\n- 12:30\nurl: https://x.test\n');
    expect(typesOf(tokens, 'key')).toEqual(['url']);
  });

  it('recognises document markers, numbers and booleans', () => {
    const tokens = tokenizeYaml('---\nTimeout: 300\nEnabled: true\nRatio: 0.5\n');
    expect(typesOf(tokens, 'meta')).toEqual(['---']);
    expect(typesOf(tokens, 'number')).toEqual(['300', '0.5']);
    expect(typesOf(tokens, 'keyword')).toEqual(['true']);
  });
});

describe('CSV', () => {
  it('numbers columns and marks the header record, respecting quotes', () => {
    const fields = tokenizeDelimited('a,b\n"x, y",2\n', ',').filter((t) => t.type === 'field');
    expect(fields.map((f) => [f.text, f.column, f.header])).toEqual([
      ['a', 0, true],
      ['b', 1, true],
      ['"x, y"', 0, false],
      ['2', 1, false],
    ]);
  });

  it('keeps a quoted line break inside its field', () => {
    const fields = tokenizeDelimited('"one\ntwo",3\n4,5', ',').filter((t) => t.type === 'field');
    expect(fields.map((f) => [f.text, f.column, f.header])).toEqual([
      ['"one\ntwo"', 0, true],
      ['3', 1, true],
      ['4', 0, false],
      ['5', 1, false],
    ]);
  });
});
