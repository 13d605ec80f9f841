import { AwsError } from '../../errors';

/**
 * Glue's partition predicate (`GetPartitions` Expression): a SQL WHERE fragment over partition keys
 * with =, <>, !=, <, >, <=, >=, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE, IS [NOT] NULL, AND, OR, NOT and
 * parentheses. Values compare by the key's declared type: numeric keys (int, bigint…) numerically,
 * everything else as strings. A blank expression means "no filter" (Spark sends Expression='').
 */
export interface PartitionKeyType {
  Name: string;
  Type?: string;
}

export type PartitionPredicate = (values: string[]) => boolean;

type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number; text: string };

type Node =
  | { op: 'and' | 'or'; left: Node; right: Node }
  | { op: 'not'; operand: Node }
  | { op: 'compare'; key: string; comparator: string; literal: Literal }
  | { op: 'in'; key: string; literals: Literal[]; negated: boolean }
  | { op: 'between'; key: string; low: Literal; high: Literal; negated: boolean }
  | { op: 'like'; key: string; pattern: string; negated: boolean }
  | { op: 'null'; key: string; negated: boolean };

interface Token {
  type: 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';
  text: string;
  upper: string;
  position: number;
}

const NUMERIC_TYPES = /^(tinyint|smallint|int|integer|bigint|float|double|decimal(\(.*\))?|real)$/i;

export function invalidExpression(expression: string, detail: string): AwsError {
  return new AwsError('InvalidInputException', `Unsupported expression '${expression}': ${detail}`);
}

/** Compiles an expression against a table's partition keys; throws InvalidInputException on bad input. */
export function compilePartitionExpression(expression: string | undefined, keys: PartitionKeyType[]): PartitionPredicate {
  if (expression === undefined || expression.trim() === '') return () => true;
  const tokens = tokenize(expression);
  const parser = new Parser(tokens, expression);
  const tree = parser.parseExpression();
  parser.expectEnd();
  const index = new Map(keys.map((key, i) => [key.Name.toLowerCase(), { i, numeric: NUMERIC_TYPES.test(key.Type ?? 'string') }]));
  const resolve = (name: string) => {
    const found = index.get(name.toLowerCase());
    if (!found) throw invalidExpression(expression, `unknown partition key '${name}'`);
    return found;
  };
  const compile = (node: Node): PartitionPredicate => {
    switch (node.op) {
      case 'and': {
        const l = compile(node.left), r = compile(node.right);
        return (v) => l(v) && r(v);
      }
      case 'or': {
        const l = compile(node.left), r = compile(node.right);
        return (v) => l(v) || r(v);
      }
      case 'not': {
        const inner = compile(node.operand);
        return (v) => !inner(v);
      }
      case 'compare': {
        const key = resolve(node.key);
        const test = comparatorTest(node.comparator);
        return (v) => {
          const c = compareValue(v[key.i], node.literal, key.numeric);
          return c !== undefined && test(c);
        };
      }
      case 'in': {
        const key = resolve(node.key);
        return (v) => node.literals.some((literal) => compareValue(v[key.i], literal, key.numeric) === 0) !== node.negated;
      }
      case 'between': {
        const key = resolve(node.key);
        return (v) => {
          const lo = compareValue(v[key.i], node.low, key.numeric);
          const hi = compareValue(v[key.i], node.high, key.numeric);
          const inside = lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
          return inside !== node.negated;
        };
      }
      case 'like': {
        const key = resolve(node.key);
        const regex = likeToRegExp(node.pattern);
        return (v) => regex.test(v[key.i] ?? '') !== node.negated;
      }
      case 'null': {
        const key = resolve(node.key);
        return (v) => (v[key.i] === undefined || v[key.i] === null) !== node.negated;
      }
    }
  };
  return compile(tree);
}

function comparatorTest(comparator: string): (c: number) => boolean {
  switch (comparator) {
    case '=':
      return (c) => c === 0;
    case '<>':
    case '!=':
      return (c) => c !== 0;
    case '<':
      return (c) => c < 0;
    case '>':
      return (c) => c > 0;
    case '<=':
      return (c) => c <= 0;
    default:
      return (c) => c >= 0;
  }
}

/** -1/0/1 comparing a stored value with a literal, or undefined when they cannot be compared. */
function compareValue(value: string | undefined, literal: Literal, numeric: boolean): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (numeric) {
    const left = Number(value);
    const right = literal.kind === 'number' ? literal.value : Number(literal.value);
    if (Number.isNaN(left) || Number.isNaN(right) || value.trim() === '') return undefined;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const right = literal.kind === 'number' ? literal.text : literal.value;
  return value < right ? -1 : value > right ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (type: Token['type'], text: string, position: number) =>
    tokens.push({ type, text, upper: text.toUpperCase(), position });
  while (i < expression.length) {
    const ch = expression[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= expression.length) throw invalidExpression(expression, `unterminated string starting at position ${start}`);
        if (expression[i] === ch) {
          if (expression[i + 1] === ch) {
            value += ch;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (expression[i] === '\\' && i + 1 < expression.length) {
          value += expression[i + 1];
          i += 2;
          continue;
        }
        value += expression[i++];
      }
      push('string', value, start);
    } else if (ch === '`') {
      const end = expression.indexOf('`', i + 1);
      if (end < 0) throw invalidExpression(expression, `unterminated quoted name starting at position ${start}`);
      push('ident', expression.slice(i + 1, end), start);
      i = end + 1;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(expression[i + 1] ?? '') && !lastIsOperand(tokens))) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(expression.slice(i))!;
      push('number', match[0], start);
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$-]*/.exec(expression.slice(i))!;
      push('ident', match[0], start);
      i += match[0].length;
    } else if (ch === '(') {
      push('lparen', ch, start);
      i++;
    } else if (ch === ')') {
      push('rparen', ch, start);
      i++;
    } else if (ch === ',') {
      push('comma', ch, start);
      i++;
    } else {
      const match = /^(<>|!=|<=|>=|=|<|>)/.exec(expression.slice(i));
      if (!match) throw invalidExpression(expression, `unexpected character '${ch}' at position ${i}`);
      push('op', match[0], start);
      i += match[0].length;
    }
  }
  push('end', '', expression.length);
  return tokens;
}

function lastIsOperand(tokens: Token[]) {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.type === 'ident' || last.type === 'number' || last.type === 'string' || last.type === 'rparen');
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'LIKE', 'IS', 'NULL']);

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parseExpression(): Node {
    let left = this.parseAnd();
    while (this.isKeyword('OR')) {
      this.position++;
      left = { op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  expectEnd() {
    if (this.peek().type !== 'end') this.fail(`unexpected '${this.peek().text}' at position ${this.peek().position}`);
  }

  private parseAnd(): Node {
    let left = this.parseNot();
    while (this.isKeyword('AND')) {
      this.position++;
      left = { op: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Node {
    if (this.isKeyword('NOT')) {
      this.position++;
      return { op: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Node {
    const token = this.peek();
    if (token.type === 'lparen') {
      this.position++;
      const inner = this.parseExpression();
      this.expect('rparen', ')');
      return inner;
    }
    if (token.type !== 'ident' || KEYWORDS.has(token.upper)) this.fail(`expected a partition key at position ${token.position}`);
    this.position++;
    const key = token.text;
    const next = this.peek();
    if (next.type === 'op') {
      this.position++;
      return { op: 'compare', key, comparator: next.text, literal: this.parseLiteral() };
    }
    if (this.isKeyword('IS')) {
      this.position++;
      const negated = this.acceptKeyword('NOT');
      if (!this.acceptKeyword('NULL')) this.fail(`expected NULL at position ${this.peek().position}`);
      return { op: 'null', key, negated };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) {
      this.expect('lparen', '(');
      const literals = [this.parseLiteral()];
      while (this.peek().type === 'comma') {
        this.position++;
        literals.push(this.parseLiteral());
      }
      this.expect('rparen', ')');
      return { op: 'in', key, literals, negated };
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.parseLiteral();
      if (!this.acceptKeyword('AND')) this.fail(`expected AND in BETWEEN at position ${this.peek().position}`);
      const high = this.parseLiteral();
      return { op: 'between', key, low, high, negated };
    }
    if (this.acceptKeyword('LIKE')) {
      const literal = this.parseLiteral();
      return { op: 'like', key, pattern: literal.kind === 'string' ? literal.value : literal.text, negated };
    }
    return this.fail(`expected a comparison after '${key}' at position ${this.peek().position}`);
  }

  private parseLiteral(): Literal {
    const token = this.peek();
    if (token.type === 'string') {
      this.position++;
      return { kind: 'string', value: token.text };
    }
    if (token.type === 'number') {
      this.position++;
      return { kind: 'number', value: Number(token.text), text: token.text };
    }
    return this.fail(`expected a string or number at position ${token.position}`);
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private isKeyword(word: string) {
    const token = this.peek();
    return token.type === 'ident' && token.upper === word;
  }

  private acceptKeyword(word: string) {
    if (!this.isKeyword(word)) return false;
    this.position++;
    return true;
  }

  private expect(type: Token['type'], text: string) {
    if (this.peek().type !== type) this.fail(`expected '${text}' at position ${this.peek().position}`);
    this.position++;
  }

  private fail(detail: string): never {
    throw invalidExpression(this.source, detail);
  }
}
