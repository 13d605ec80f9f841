import { isTaggedInteger } from './ast-json';
import type { AstNode, DuckDbParser } from './duckdb-sandbox';
import { at, QueryFailure } from './query-errors';
import { INTERVAL_UNITS, javaReplacementToRe2, jodaFormatToStrftime, mysqlFormatToStrftime, SYNTAX_FUNCTIONS, TRINO_FUNCTIONS } from './trino-functions';
import { INTERNAL_PREFIX } from './trino-rewrite';

/**
 * The syntax-tree half of the dialect layer. It walks DuckDB's parse of the (token-rewritten) query
 * and, in one pass:
 *
 * - admits only what Athena's SQL has: SELECT / set operations / CTEs / VALUES / UNNEST, expressions,
 *   and functions from the Trino allow-list (trino-functions.ts), re-spelled for DuckDB; anything else
 *   — a table function such as read_csv or glob, DuckDB-only syntax (COLUMNS(), * EXCLUDE, QUALIFY,
 *   SAMPLE, ASOF/POSITIONAL joins, GROUP BY ALL), parameters — fails as Athena fails it;
 * - resolves every table name that is not a CTE in scope through the Glue catalog, so the caller can
 *   swap it for a view over exactly that table's files;
 * - collects, per table reference, the WHERE conjuncts that only read its partition keys (for
 *   partition pruning);
 * - names unnamed output columns the way Trino does (`_col0`, `_col1`, …).
 *
 * Because the query that finally runs is DuckDB's own rendering of this checked tree, nothing can
 * hide from the checks in comments, quoting tricks or unusual spacing.
 */

export interface TableReference<T> {
  /** The BASE_TABLE node; the caller points it at the scan view. */
  node: AstNode;
  table: T;
  /** Pushable WHERE conjuncts over partition keys, with column qualifiers stripped. */
  partitionPredicates: AstNode[];
}

export interface AnalyzerHost<T> {
  /** Resolves a table name or throws QueryFailure (TABLE_NOT_FOUND, SCHEMA_NOT_FOUND…). */
  resolveTable(name: { catalog?: string; schema?: string; table: string }, location: number | undefined): T;
  columnsOf(table: T): string[];
  partitionKeysOf(table: T): string[];
  /** Maps a query_location in the rewritten SQL to `line:column` of the user's SQL. */
  position(location: number | undefined): { line: number; column: number } | undefined;
}

/** Marker alias for unnamed output columns; renamed to _colN once the output's positions are known. */
export const UNNAMED_COLUMN_PREFIX = `${INTERNAL_PREFIX}_unnamed_`;

/** Field names of structs built for Trino's anonymous ROW(…). */
export const ANONYMOUS_FIELD_PREFIX = `${INTERNAL_PREFIX}_field_`;

/** Niladic functions DuckDB parses as column references (CURRENT_DATE …): unnamed expressions to Trino. */
const SPECIAL_COLUMN_NAMES = new Set(['current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_user', 'current_catalog', 'current_schema']);

const QUERY_NODE_TYPES = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'RECURSIVE_CTE_NODE', 'CTE_NODE']);

export class QueryAnalyzer<T> {
  readonly tables: TableReference<T>[] = [];
  private unnamedCount = 0;

  constructor(
    private readonly host: AnalyzerHost<T>,
    private readonly parser: DuckDbParser,
    /** Parsed function templates; pass a long-lived map to share them between queries. */
    private readonly templateCache = new Map<string, Promise<AstNode>>(),
  ) {}

  /** Analyzes the statement's root node in place. */
  async analyzeRoot(root: AstNode): Promise<void> {
    await this.queryNode(root, new Set());
    this.nameOutputColumns(root);
  }

  private fail(name: string, location: number | undefined, message: string): never {
    throw new QueryFailure(name, at(this.host.position(location), message));
  }

  private notSupported(location: number | undefined, what: string): never {
    this.fail('NOT_SUPPORTED', location, `${what} is not supported`);
  }

  // ---------------------------------------------------------------- query nodes

  private async queryNode(node: AstNode, outerScope: Set<string>): Promise<void> {
    const scope = new Set(outerScope);
    const ctes = (node.cte_map?.map ?? []) as { key: string; value: { query: { node: AstNode } } }[];
    for (const cte of ctes) {
      const body = cte.value.query.node;
      const bodyScope = new Set(scope);
      if (body.type === 'RECURSIVE_CTE_NODE') bodyScope.add(cte.key.toLowerCase());
      await this.queryNode(body, bodyScope);
      scope.add(cte.key.toLowerCase());
    }
    switch (node.type) {
      case 'SELECT_NODE':
        await this.selectNode(node, scope);
        break;
      case 'SET_OPERATION_NODE':
      case 'RECURSIVE_CTE_NODE': {
        const children: AstNode[] = node.children ?? [node.left, node.right].filter(Boolean);
        for (const child of children) await this.queryNode(child, scope);
        if (!['UNION', 'EXCEPT', 'INTERSECT', 'UNION_BY_NAME', undefined].includes(node.setop_type)) this.notSupported(undefined, `Set operation ${node.setop_type}`);
        if (node.setop_type === 'UNION_BY_NAME') this.notSupported(undefined, 'UNION BY NAME');
        break;
      }
      default:
        this.notSupported(undefined, `Query node ${node.type}`);
    }
    await this.modifiers(node, scope);
  }

  private async modifiers(node: AstNode, scope: Set<string>) {
    for (const modifier of (node.modifiers ?? []) as AstNode[]) {
      switch (modifier.type) {
        case 'ORDER_MODIFIER':
          for (const order of modifier.orders as AstNode[]) {
            if (order.expression?.class === 'STAR') this.notSupported(order.expression.query_location, 'ORDER BY ALL');
            order.expression = await this.expr(order.expression, scope);
          }
          break;
        case 'LIMIT_MODIFIER':
          if (modifier.limit) modifier.limit = await this.expr(modifier.limit, scope);
          if (modifier.offset) modifier.offset = await this.expr(modifier.offset, scope);
          break;
        case 'DISTINCT_MODIFIER':
          if ((modifier.distinct_on_targets ?? []).length) this.notSupported(undefined, 'DISTINCT ON');
          break;
        default:
          this.notSupported(undefined, `Query modifier ${modifier.type}`);
      }
    }
  }

  private async selectNode(node: AstNode, scope: Set<string>) {
    if (node.sample) this.notSupported(undefined, 'USING SAMPLE');
    if (node.qualify) this.notSupported(node.qualify.query_location, 'QUALIFY');
    if (node.aggregate_handling && node.aggregate_handling !== 'STANDARD_HANDLING') this.notSupported(undefined, 'GROUP BY ALL');
    const before = this.tables.length;
    node.from_table = await this.tableRef(node.from_table, scope);
    const here = this.tables.slice(before);
    node.select_list = await this.exprList(node.select_list, scope);
    if (node.where_clause) node.where_clause = await this.expr(node.where_clause, scope);
    node.group_expressions = await this.exprList(node.group_expressions ?? [], scope);
    if (node.having) node.having = await this.expr(node.having, scope);
    if (node.where_clause) this.collectPartitionPredicates(node, here);
  }

  // ---------------------------------------------------------------- FROM

  private async tableRef(ref: AstNode, scope: Set<string>): Promise<AstNode> {
    if (!ref) return ref;
    if (ref.sample) this.notSupported(ref.query_location, 'TABLESAMPLE');
    switch (ref.type) {
      case 'EMPTY':
      case 'EMPTY_FROM':
        return ref;
      case 'BASE_TABLE': {
        if (ref.at_clause) this.notSupported(ref.query_location, 'AT clause');
        const name = String(ref.table_name);
        if (!ref.schema_name && !ref.catalog_name && scope.has(name.toLowerCase())) return ref;
        if (name.toLowerCase().startsWith(INTERNAL_PREFIX)) this.fail('TABLE_NOT_FOUND', ref.query_location, `Table '${name}' does not exist`);
        const table = this.host.resolveTable(
          { catalog: ref.catalog_name || undefined, schema: ref.schema_name || undefined, table: name },
          ref.query_location,
        );
        this.tables.push({ node: ref, table, partitionPredicates: [] });
        return ref;
      }
      case 'JOIN': {
        if (!['REGULAR', 'CROSS', 'NATURAL'].includes(ref.ref_type)) this.notSupported(ref.query_location, `${ref.ref_type} JOIN`);
        if (!['INNER', 'LEFT', 'RIGHT', 'OUTER'].includes(ref.join_type)) this.notSupported(ref.query_location, `${ref.join_type} JOIN`);
        ref.left = await this.tableRef(ref.left, scope);
        ref.right = await this.tableRef(ref.right, scope);
        if (ref.condition) ref.condition = await this.expr(ref.condition, scope);
        return ref;
      }
      case 'SUBQUERY':
        await this.queryNode(ref.subquery.node, scope);
        return ref;
      case 'TABLE_FUNCTION': {
        const fn = ref.function as AstNode;
        const name = String(fn.function_name ?? '').toLowerCase();
        if (name !== 'unnest' || fn.schema || fn.catalog) {
          this.fail('FUNCTION_NOT_FOUND', fn.query_location ?? ref.query_location, `Function '${fn.function_name}' not registered`);
        }
        fn.children = await this.exprList(fn.children, scope);
        if (ref.with_ordinality === 'WITH_ORDINALITY') this.notSupported(ref.query_location, 'UNNEST WITH ORDINALITY');
        return ref;
      }
      case 'EXPRESSION_LIST': {
        const rows = ref.values as AstNode[][];
        for (let i = 0; i < rows.length; i++) rows[i] = await this.exprList(rows[i], scope);
        // Trino names VALUES columns _col0, _col1, … (DuckDB would say col0).
        if (!ref.expected_names?.length && rows[0]) ref.expected_names = rows[0].map((_, i) => `_col${i}`);
        return ref;
      }
      default:
        this.notSupported(ref.query_location, `FROM clause item ${ref.type}`);
    }
  }

  // ---------------------------------------------------------------- expressions

  private async exprList(list: AstNode[], scope: Set<string>): Promise<AstNode[]> {
    const out: AstNode[] = [];
    for (const item of list ?? []) out.push(await this.expr(item, scope));
    return out;
  }

  private async expr(node: AstNode, scope: Set<string>): Promise<AstNode> {
    if (!node || typeof node !== 'object') return node;
    switch (node.class) {
      case 'FUNCTION':
        return this.functionCall(node, scope);
      case 'WINDOW':
        return this.windowCall(node, scope);
      case 'SUBQUERY':
        await this.queryNode(node.subquery.node, scope);
        if (node.child) node.child = await this.expr(node.child, scope);
        return node;
      case 'STAR':
        if (node.columns || node.expr) this.fail('FUNCTION_NOT_FOUND', node.query_location, "Function 'columns' not registered");
        if ((node.exclude_list ?? []).length || (node.replace_list ?? []).length || (node.rename_list ?? []).length || (node.qualified_exclude_list ?? []).length) {
          this.notSupported(node.query_location, 'SELECT * EXCLUDE/REPLACE');
        }
        return node;
      case 'PARAMETER':
        this.fail('INVALID_PARAMETER_USAGE', node.query_location, 'Incorrect number of parameters');
        break;
      case 'POSITIONAL_REFERENCE':
      case 'COLLATE':
      case 'DEFAULT':
        this.notSupported(node.query_location, node.class);
        break;
      case 'COLUMN_REF':
        for (const part of node.column_names as string[]) {
          if (String(part).toLowerCase().startsWith(INTERNAL_PREFIX)) this.fail('COLUMN_NOT_FOUND', node.query_location, `Column '${part}' cannot be resolved`);
        }
        return node;
      case 'CONSTANT':
        return node;
      case 'COMPARISON':
      case 'CONJUNCTION':
      case 'OPERATOR':
      case 'CAST':
      case 'CASE':
      case 'BETWEEN':
      case 'LAMBDA':
        await this.children(node, scope);
        return node;
      default:
        this.notSupported(node.query_location, `Expression ${node.class}`);
    }
    return node;
  }

  /** Walks every expression reachable from a node's own fields (CASE checks, cast children…). */
  private async children(node: AstNode, scope: Set<string>) {
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) value[i] = await this.child(value[i], scope);
      } else if (value && typeof value === 'object') {
        node[key] = await this.child(value, scope);
      }
    }
  }

  private async child(value: unknown, scope: Set<string>): Promise<unknown> {
    if (!value || typeof value !== 'object') return value;
    const node = value as AstNode;
    if (typeof node.class === 'string') return this.expr(node, scope);
    if (typeof node.type === 'string' && QUERY_NODE_TYPES.has(node.type)) {
      await this.queryNode(node, scope);
      return node;
    }
    // Containers without a class: CASE's {when_expr, then_expr}, ORDER BY lists, cast types.
    if (node.type === 'ORDER_MODIFIER' || 'when_expr' in node || 'expression' in node) await this.children(node, scope);
    return node;
  }

  private async functionCall(node: AstNode, scope: Set<string>): Promise<AstNode> {
    const name = String(node.function_name).toLowerCase();
    node.children = await this.exprList(node.children, scope);
    if (node.filter) node.filter = await this.expr(node.filter, scope);
    if (node.order_bys?.orders?.length) {
      for (const order of node.order_bys.orders as AstNode[]) order.expression = await this.expr(order.expression, scope);
    }
    if (name === 'row' && !node.is_operator) {
      // Trino's anonymous ROW(…): a struct whose field names mark it as unnamed for printing ({1, x}).
      const argc = (node.children as AstNode[]).length;
      const fields = Array.from({ length: argc }, (_, i) => `"${ANONYMOUS_FIELD_PREFIX}${i + 1}" := $${i + 1}`).join(', ');
      return this.instantiate(`struct_pack(${fields})`, node.children, node);
    }
    if (node.is_operator || (SYNTAX_FUNCTIONS.has(name) && !Object.hasOwn(TRINO_FUNCTIONS, name))) {
      if (!SYNTAX_FUNCTIONS.has(name)) this.fail('NOT_SUPPORTED', node.query_location, `Operator '${node.function_name}' is not supported`);
      return node;
    }
    if ((node.schema && node.schema !== 'main') || node.catalog || !Object.hasOwn(TRINO_FUNCTIONS, name)) {
      this.fail('FUNCTION_NOT_FOUND', node.query_location, `Function '${qualifiedName(node)}' not registered`);
    }
    if (node.schema === 'main' && !['date_part', 'position', 'substring', 'trim', 'ltrim', 'rtrim', 'row', 'timezone', 'like_escape', 'not_like_escape'].includes(name)) {
      this.fail('FUNCTION_NOT_FOUND', node.query_location, `Function '${qualifiedName(node)}' not registered`);
    }
    const rule = TRINO_FUNCTIONS[name];
    const argc = (node.children as AstNode[]).length;
    if (rule.args && (argc < rule.args[0] || argc > rule.args[1])) {
      this.fail('FUNCTION_NOT_FOUND', node.query_location, `Unexpected parameters (${argc} argument${argc === 1 ? '' : 's'}) for function ${name}`);
    }
    if (rule.rename) {
      node.function_name = rule.rename;
      node.schema = '';
      return node;
    }
    if (rule.special) return this.special(rule.special, node, name);
    if (rule.template) {
      const text = typeof rule.template === 'function' ? rule.template(argc) : rule.template;
      if (!text) this.fail('FUNCTION_NOT_FOUND', node.query_location, `Unexpected parameters (${argc} arguments) for function ${name}`);
      return this.instantiate(text, node.children, node);
    }
    return node;
  }

  private async windowCall(node: AstNode, scope: Set<string>): Promise<AstNode> {
    const name = String(node.function_name).toLowerCase();
    const rule = Object.hasOwn(TRINO_FUNCTIONS, name) ? TRINO_FUNCTIONS[name] : undefined;
    if (node.schema || node.catalog || !rule) this.fail('FUNCTION_NOT_FOUND', node.query_location, `Function '${node.function_name}' not registered`);
    if (rule.template || rule.special) this.notSupported(node.query_location, `${name} as a window function`);
    if (rule.rename) node.function_name = rule.rename;
    await this.children(node, scope);
    return node;
  }

  /** Functions whose translation depends on a constant argument (formats, units, replacements). */
  private async special(kind: NonNullable<(typeof TRINO_FUNCTIONS)[string]['special']>, node: AstNode, name: string): Promise<AstNode> {
    const args = node.children as AstNode[];
    const constant = (i: number) => (args[i]?.class === 'CONSTANT' && args[i].value?.type?.id === 'VARCHAR' && !args[i].value.is_null ? String(args[i].value.value) : undefined);
    switch (kind) {
      case 'concat': {
        if (args.length === 0) this.fail('FUNCTION_NOT_FOUND', node.query_location, 'There must be two or more concatenation arguments');
        const text = args.map((_, i) => `$${i + 1}`).join(' || ');
        return this.instantiate(args.length === 1 ? '$1' : `(${text})`, args, node);
      }
      case 'date_format':
      case 'format_datetime': {
        const format = constant(1);
        if (format === undefined) this.notSupported(node.query_location, `${name} with a non-constant format`);
        const converted = kind === 'date_format' ? mysqlFormatToStrftime(format) : jodaFormatToStrftime(format);
        return this.instantiate('strftime($1, $2)', [args[0], varcharConstant(converted, args[1])], node);
      }
      case 'date_parse':
      case 'parse_datetime': {
        const format = constant(1);
        if (format === undefined) this.notSupported(node.query_location, `${name} with a non-constant format`);
        const converted = kind === 'date_parse' ? mysqlFormatToStrftime(format) : jodaFormatToStrftime(format);
        const tpl = kind === 'date_parse' ? 'strptime($1, $2)' : 'CAST(strptime($1, $2) AS TIMESTAMPTZ)';
        return this.instantiate(tpl, [args[0], varcharConstant(converted, args[1])], node);
      }
      case 'date_add': {
        const unit = constant(0)?.toLowerCase();
        if (unit !== undefined) {
          const fn = Object.hasOwn(INTERVAL_UNITS, unit) ? INTERVAL_UNITS[unit] : undefined;
          if (!fn) this.fail('INVALID_FUNCTION_ARGUMENT', node.query_location, `'${unit}' is not a valid Timestamp field`);
          return this.instantiate(`($3 + ${fn}(CAST($2 AS BIGINT)))`, args, node);
        }
        const cases = Object.entries(INTERVAL_UNITS)
          .map(([u, fn]) => `WHEN '${u}' THEN $3 + ${fn}(CAST($2 AS BIGINT))`)
          .join(' ');
        return this.instantiate(`(CASE lower($1) ${cases} END)`, args, node);
      }
      case 'regexp_replace': {
        if (args.length === 2) return this.instantiate("regexp_replace($1, $2, '', 'g')", args, node);
        const replacement = constant(2);
        if (replacement !== undefined) return this.instantiate("regexp_replace($1, $2, $3, 'g')", [args[0], args[1], varcharConstant(javaReplacementToRe2(replacement), args[2])], node);
        return this.instantiate("regexp_replace($1, $2, regexp_replace($3, '\\$(\\d)', '\\\\\\1', 'g'), 'g')", args, node);
      }
    }
  }

  /** Splices arguments into a parsed template; `$n` placeholders are DuckDB PARAMETER nodes. */
  private async instantiate(template: string, args: AstNode[], original: AstNode): Promise<AstNode> {
    let parsed = this.templateCache.get(template);
    if (!parsed) {
      parsed = this.parser.serialize(`SELECT ${template}`).then((tree) => {
        if (tree.error) throw new Error(`bad function template ${template}: ${tree.error_message}`);
        return tree.statements[0].node.select_list[0] as AstNode;
      });
      this.templateCache.set(template, parsed);
    }
    const uses = new Map<number, number>();
    const replace = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(replace);
      if (!value || typeof value !== 'object') return value;
      const node = value as AstNode;
      if (node.class === 'PARAMETER') {
        const index = Number(node.identifier) - 1;
        const count = uses.get(index) ?? 0;
        uses.set(index, count + 1);
        const arg = count === 0 ? args[index] : structuredClone(args[index]);
        // A placeholder may carry a name (struct_pack(x := $1)); the argument takes it over.
        return node.alias ? { ...arg, alias: node.alias } : arg;
      }
      const copy: AstNode = {};
      for (const key of Object.keys(node)) copy[key] = replace(node[key]);
      return copy;
    };
    const result = replace(structuredClone(await parsed)) as AstNode;
    result.alias = original.alias ?? '';
    if (original.query_location !== undefined) result.query_location = original.query_location;
    return result;
  }

  // ---------------------------------------------------------------- partition pruning

  /**
   * WHERE conjuncts that read only one table's partition keys can prune that table's partitions.
   * Only for tables joined with INNER/CROSS joins (an outer join's null-extended side must not lose
   * partitions), only for conjuncts without subqueries, and an unqualified name only when the table
   * is the only relation in the FROM clause.
   */
  private collectPartitionPredicates(node: AstNode, here: TableReference<T>[]) {
    const candidates = new Map<AstNode, TableReference<T>>();
    for (const ref of here) candidates.set(ref.node, ref);
    const inner: { ref: TableReference<T>; names: Set<string> }[] = [];
    let relationCount = 0;
    const visit = (from: AstNode, nullable: boolean) => {
      if (!from) return;
      if (from.type === 'JOIN') {
        const leftNullable = nullable || from.join_type === 'RIGHT' || from.join_type === 'OUTER';
        const rightNullable = nullable || from.join_type === 'LEFT' || from.join_type === 'OUTER';
        visit(from.left, leftNullable);
        visit(from.right, rightNullable);
        return;
      }
      if (from.type === 'EMPTY' || from.type === 'EMPTY_FROM') return;
      relationCount++;
      const ref = candidates.get(from);
      if (ref && !nullable) {
        const names = new Set<string>([String(from.table_name).toLowerCase()]);
        if (from.alias) names.add(String(from.alias).toLowerCase());
        inner.push({ ref, names });
      }
    };
    visit(node.from_table, false);
    if (inner.length === 0) return;

    for (const conjunct of splitAnd(node.where_clause)) {
      const refs: AstNode[] = [];
      if (!collectColumnRefs(conjunct, refs)) continue;
      if (refs.length === 0) continue;
      for (const { ref, names } of inner) {
        const keys = new Set(this.host.partitionKeysOf(ref.table).map((k) => k.toLowerCase()));
        const ok = refs.every((column) => {
          const parts = (column.column_names as string[]).map((p) => p.toLowerCase());
          const col = parts[parts.length - 1];
          if (!keys.has(col)) return false;
          if (parts.length === 1) return relationCount === 1;
          return names.has(parts[parts.length - 2]);
        });
        if (ok) ref.partitionPredicates.push(stripQualifiers(structuredClone(conjunct)));
      }
    }
  }

  // ---------------------------------------------------------------- output names

  /** Unnamed expressions of the outermost SELECT get Trino's `_colN` names (N = output position). */
  private nameOutputColumns(root: AstNode) {
    let node = root;
    while (node.type === 'SET_OPERATION_NODE' || node.type === 'RECURSIVE_CTE_NODE') node = node.children?.[0] ?? node.left;
    if (node.type !== 'SELECT_NODE') return;
    for (const item of node.select_list as AstNode[]) {
      if (item.alias) continue;
      if (item.class === 'STAR') continue;
      if (item.class === 'COLUMN_REF' && !(item.column_names.length === 1 && SPECIAL_COLUMN_NAMES.has(String(item.column_names[0]).toLowerCase()))) continue;
      item.alias = `${UNNAMED_COLUMN_PREFIX}${this.unnamedCount++}`;
    }
  }
}

function qualifiedName(node: AstNode): string {
  return [node.catalog, node.schema && node.schema !== 'main' ? node.schema : '', node.function_name].filter(Boolean).join('.');
}

function varcharConstant(value: string, like: AstNode | undefined): AstNode {
  return {
    class: 'CONSTANT',
    type: 'VALUE_CONSTANT',
    alias: '',
    ...(like?.query_location !== undefined ? { query_location: like.query_location } : {}),
    value: { type: { id: 'VARCHAR', type_info: null }, is_null: false, value },
  };
}

function splitAnd(node: AstNode): AstNode[] {
  if (node?.class === 'CONJUNCTION' && node.type === 'CONJUNCTION_AND') return (node.children as AstNode[]).flatMap(splitAnd);
  return [node];
}

/** Collects COLUMN_REFs; false when the expression holds something that must not be pre-evaluated. */
function collectColumnRefs(node: unknown, out: AstNode[]): boolean {
  if (Array.isArray(node)) return node.every((n) => collectColumnRefs(n, out));
  if (!node || typeof node !== 'object') return true;
  const n = node as AstNode;
  if (n.class === 'SUBQUERY' || n.class === 'WINDOW' || n.class === 'LAMBDA' || n.class === 'STAR') return false;
  if (n.class === 'FUNCTION' && /^(random|rand|uuid|gen_random_uuid)$/.test(String(n.function_name))) return false;
  if (n.class === 'COLUMN_REF') {
    out.push(n);
    return true;
  }
  return Object.values(n).every((v) => (v && typeof v === 'object' ? collectColumnRefs(v, out) : true));
}

function stripQualifiers(node: unknown): AstNode {
  if (Array.isArray(node)) return node.map(stripQualifiers) as unknown as AstNode;
  if (!node || typeof node !== 'object') return node as AstNode;
  const n = node as AstNode;
  if (n.class === 'COLUMN_REF') {
    const parts = n.column_names as string[];
    return { ...n, column_names: [parts[parts.length - 1]] };
  }
  for (const key of Object.keys(n)) {
    const value = n[key];
    if (value && typeof value === 'object' && !isTaggedInteger(value)) n[key] = stripQualifiers(value);
  }
  return n;
}
