import { Document, isMap, isScalar, parse, stringify } from 'yaml';
import type { CloudFormationTemplate } from './template';

/**
 * YAML text of the template. Intrinsic functions use the long form (`Ref:`, `Fn::GetAtt:`,
 * `Fn::Sub:`), so any YAML parser reads it without CloudFormation's `!` tags. It is written with
 * YAML 1.1 rules, which CloudFormation follows: strings such as `2010-09-09`, `000000000000`, `on` or
 * `true` are quoted so they stay strings; SQL and the function source are literal blocks.
 */

/** Comments over the first resource of each type, as the generated AWS template carries them. */
const COMMENTS: Record<string, string> = {
  'AWS::Glue::Database': ' creates a glue database for flow logs athena tables.',
  'AWS::Glue::Table': ' this section creates glue athenaTables mapped to s3 flow logs bucket',
  'AWS::Athena::WorkGroup': ' creates a workgroup in Athena for queries.',
  'AWS::Athena::NamedQuery': ' saved queries, one per predefined query whose fields are in the log format',
  'AWS::IAM::Role': ' the role the partition loader runs with',
  'AWS::Lambda::Function': ' loads partitions into the tables',
  'Custom::VPCFlowLogsAthenaStartInitializer': ' runs the partition loader once, when the stack is created',
  'AWS::Events::Rule': ' runs the partition loader on the chosen schedule',
};

export function renderTemplateYaml(template: CloudFormationTemplate): string {
  const doc = new Document(template, { version: '1.1' });
  const resources = doc.get('Resources');
  if (isMap(resources)) {
    const commented = new Set<string>();
    resources.items.forEach((pair, index) => {
      if (!isScalar(pair.key)) return;
      // A blank line between resources; none before the first, where it would leave trailing spaces.
      if (index > 0) pair.key.spaceBefore = true;
      const type = template.Resources[String(pair.key.value)]?.Type;
      if (!type || commented.has(type) || !COMMENTS[type]) return;
      commented.add(type);
      pair.key.commentBefore = COMMENTS[type];
    });
  }
  return doc.toString({ blockQuote: 'literal', lineWidth: 0 });
}

/** Reads a rendered template back (tests, and the console's template view). */
export function parseTemplateYaml(text: string): CloudFormationTemplate {
  return parse(text, { version: '1.1' }) as CloudFormationTemplate;
}

/** Plain YAML of any value with the same rules, e.g. a fragment for a preview. */
export function toCloudFormationYaml(value: unknown): string {
  return stringify(value, { version: '1.1', blockQuote: 'literal', lineWidth: 0 });
}
