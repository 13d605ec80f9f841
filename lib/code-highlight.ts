/**
 * Small, forgiving tokenizers for the read-only code views: YAML (CloudFormation templates), JSON
 * and CSV/TSV (Athena results). They never throw and never drop text — concatenating the tokens
 * always gives back the input — so a malformed file still shows exactly as stored.
 */

export type CodeLanguage = 'yaml' | 'json' | 'csv' | 'tsv' | 'text';

export type TokenType =
  | 'plain'
  | 'key'
  | 'string'
  | 'number'
  | 'keyword'
  | 'punctuation'
  | 'comment'
  | 'meta'
  | 'field';

export interface Token {
  type: TokenType;
  text: string;
  /** CSV/TSV only: the field's column, so columns can be told apart by colour. */
  column?: number;
  /** CSV/TSV only: the field belongs to the first (header) record. */
  header?: boolean;
}

const EXTENSION_LANGUAGES: Record<string, CodeLanguage> = {
  yml: 'yaml',
  yaml: 'yaml',
  template: 'yaml',
  json: 'json',
  csv: 'csv',
  tsv: 'tsv',
  txt: 'text',
  log: 'text',
  sql: 'text',
  md: 'text',
  xml: 'text',
  ini: 'text',
  conf: 'text',
  py: 'text',
  sh: 'text',
};

/**
 * The language of an object by its key's extension, looking through a final ".gz"
 * ("x.log.gz" → text). Undefined when the extension says nothing about the content.
 */
export function languageForKey(key: string): CodeLanguage | undefined {
  let name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return EXTENSION_LANGUAGES[name.slice(dot + 1)];
}

export function tokenize(text: string, language: CodeLanguage): Token[] {
  switch (language) {
    case 'json':
      return merge(tokenizeJson(text));
    case 'yaml':
      return merge(tokenizeYaml(text));
    case 'csv':
      return tokenizeDelimited(text, ',');
    case 'tsv':
      return tokenizeDelimited(text, '\t');
    default:
      return text ? [{ type: 'plain', text }] : [];
  }
}

function merge(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (!token.text) continue;
    const last = out[out.length - 1];
    if (last && last.type === token.type && last.column === undefined && token.column === undefined) last.text += token.text;
    else out.push({ ...token });
  }
  return out;
}

// ---------------------------------------------------------------- JSON

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_WORD = /(?:true|false|null)\b/y;

export function tokenizeJson(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfQuoted(text, i, '"', '\\');
      const str = text.slice(i, end);
      let j = end;
      while (j < text.length && /\s/.test(text[j])) j += 1;
      tokens.push({ type: text[j] === ':' ? 'key' : 'string', text: str });
      i = end;
      continue;
    }
    if ('{}[],:'.includes(c)) {
      tokens.push({ type: 'punctuation', text: c });
      i += 1;
      continue;
    }
    JSON_NUMBER.lastIndex = i;
    const num = JSON_NUMBER.exec(text);
    if (num && num[0].length > 0) {
      tokens.push({ type: 'number', text: num[0] });
      i += num[0].length;
      continue;
    }
    JSON_WORD.lastIndex = i;
    const word = JSON_WORD.exec(text);
    if (word) {
      tokens.push({ type: 'keyword', text: word[0] });
      i += word[0].length;
      continue;
    }
    tokens.push({ type: 'plain', text: c });
    i += 1;
  }
  return tokens;
}

/** Index just past a quoted string that starts at `start`; the end of the line if it never closes. */
function endOfQuoted(text: string, start: number, quote: string, escape: string | null): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') return i;
    if (escape && c === escape) {
      i += 2;
      continue;
    }
    if (c === quote) {
      // YAML single quotes escape themselves: 'it''s'
      if (!escape && text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return text.length;
}

// ---------------------------------------------------------------- YAML

const YAML_KEYWORDS = /^(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~|yes|no|Yes|No|on|off)$/;
const YAML_NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/;

export function tokenizeYaml(text: string): Token[] {
  const tokens: Token[] = [];
  const lines = text.split('\n');
  // While inside a block scalar (`key: |`), lines indented deeper than its key are literal text.
  let blockIndent: number | null = null;
  lines.forEach((line, index) => {
    const newline = index < lines.length - 1 ? '\n' : '';
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== null) {
      if (line.trim() === '' || indent > blockIndent) {
        tokens.push({ type: 'string', text: line + newline });
        return;
      }
      blockIndent = null;
    }
    const lineTokens = tokenizeYamlLine(line);
    tokens.push(...lineTokens);
    if (newline) tokens.push({ type: 'plain', text: newline });
    const last = [...lineTokens].reverse().find((t) => t.type !== 'plain' && t.type !== 'comment');
    if (last && last.type === 'punctuation' && /^[|>][-+0-9]*$/.test(last.text.trim())) blockIndent = indent;
  });
  return tokens;
}

function tokenizeYamlLine(line: string): Token[] {
  const tokens: Token[] = [];
  const trimmed = line.trimStart();
  const indent = line.slice(0, line.length - trimmed.length);
  if (indent) tokens.push({ type: 'plain', text: indent });
  if (trimmed.startsWith('#')) return [...tokens, { type: 'comment', text: trimmed }];
  if (/^(?:---|\.\.\.)(?:\s|$)/.test(trimmed) || trimmed.startsWith('%')) {
    const marker = trimmed.startsWith('%') ? trimmed : trimmed.slice(0, 3);
    tokens.push({ type: 'meta', text: marker });
    if (marker.length < trimmed.length) tokens.push(...tokenizeYamlValue(trimmed.slice(marker.length)));
    return tokens;
  }
  let rest = trimmed;
  // Sequence entries: "- ", possibly nested ("- - a").
  while (/^-(?:\s|$)/.test(rest)) {
    const dash = /^-\s*/.exec(rest)![0];
    tokens.push({ type: 'punctuation', text: '-' }, { type: 'plain', text: dash.slice(1) });
    rest = rest.slice(dash.length);
  }
  const key = matchYamlKey(rest);
  if (key) {
    tokens.push({ type: 'key', text: key.key }, { type: 'punctuation', text: ':' });
    rest = rest.slice(key.length);
  }
  tokens.push(...tokenizeYamlValue(rest));
  return tokens;
}

function matchYamlKey(text: string): { key: string; length: number } | null {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = endOfQuoted(text, 0, text[0], text[0] === '"' ? '\\' : null);
    if (text[end] === ':' && (end + 1 === text.length || /\s/.test(text[end + 1]))) return { key: text.slice(0, end), length: end + 1 };
    return null;
  }
  if (/^[[{!&*|>#@`]/.test(text)) return null;
  const match = /^([^\s#:][^#]*?|[^\s#:]*?):(?=\s|$)/.exec(text);
  if (!match) return null;
  return { key: match[1], length: match[0].length };
}

function tokenizeYamlValue(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      let j = i;
      while (j < text.length && /\s/.test(text[j])) j += 1;
      tokens.push({ type: 'plain', text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      tokens.push({ type: 'comment', text: text.slice(i) });
      break;
    }
    if (c === '"' || c === "'") {
      const end = endOfQuoted(text, i, c, c === '"' ? '\\' : null);
      tokens.push({ type: 'string', text: text.slice(i, end) });
      i = end;
      continue;
    }
    if ('[]{},'.includes(c)) {
      tokens.push({ type: 'punctuation', text: c });
      i += 1;
      continue;
    }
    // Tags (!Ref, !Sub, !!str), anchors (&a) and aliases (*a) run to the next space or flow indicator.
    if (c === '!' || c === '&' || c === '*') {
      let j = i + 1;
      while (j < text.length && !/[\s,[\]{}]/.test(text[j])) j += 1;
      tokens.push({ type: 'meta', text: text.slice(i, j) });
      i = j;
      continue;
    }
    if ((c === '|' || c === '>') && /^[|>][-+0-9]*\s*(?:#.*)?$/.test(text.slice(i))) {
      const indicator = /^[|>][-+0-9]*/.exec(text.slice(i))![0];
      tokens.push({ type: 'punctuation', text: indicator });
      i += indicator.length;
      continue;
    }
    // A plain scalar: up to a comment, or a flow indicator when inside a flow collection.
    const inFlow = tokens.some((t) => t.type === 'punctuation' && (t.text === '[' || t.text === '{'));
    let j = i;
    while (j < text.length) {
      if (text[j] === '#' && /\s/.test(text[j - 1] ?? ' ')) break;
      if (inFlow && '[]{},'.includes(text[j])) break;
      j += 1;
    }
    let scalar = text.slice(i, j);
    const trailing = scalar.length - scalar.trimEnd().length;
    scalar = scalar.trimEnd();
    if (inFlow) {
      const key = /^([^:]+?):(\s|$)/.exec(scalar);
      if (key) {
        tokens.push({ type: 'key', text: key[1] }, { type: 'punctuation', text: ':' });
        i += key[1].length + 1;
        continue;
      }
    }
    tokens.push({ type: scalarType(scalar), text: scalar });
    if (trailing) tokens.push({ type: 'plain', text: text.slice(j - trailing, j) });
    i = j;
  }
  return tokens;
}

function scalarType(scalar: string): TokenType {
  if (YAML_KEYWORDS.test(scalar)) return 'keyword';
  if (YAML_NUMBER.test(scalar)) return 'number';
  return 'string';
}

// ---------------------------------------------------------------- CSV / TSV

/** RFC 4180 fields, quoted fields may hold delimiters, doubled quotes and line breaks. */
export function tokenizeDelimited(text: string, delimiter: string): Token[] {
  const tokens: Token[] = [];
  let column = 0;
  let header = true;
  let i = 0;
  let fieldStart = 0;
  let inQuotes = false;
  const pushField = (end: number) => {
    if (end > fieldStart) tokens.push({ type: 'field', text: text.slice(fieldStart, end), column, header });
  };
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i += 2;
        else {
          inQuotes = false;
          i += 1;
        }
      } else i += 1;
      continue;
    }
    if (c === '"' && i === fieldStart) {
      inQuotes = true;
      i += 1;
    } else if (c === delimiter) {
      pushField(i);
      tokens.push({ type: 'punctuation', text: c });
      column += 1;
      i += 1;
      fieldStart = i;
    } else if (c === '\n' || c === '\r') {
      pushField(i);
      const newline = c === '\r' && text[i + 1] === '\n' ? '\r\n' : c;
      tokens.push({ type: 'plain', text: newline });
      i += newline.length;
      fieldStart = i;
      column = 0;
      header = false;
    } else i += 1;
  }
  pushField(text.length);
  return tokens;
}
