/**
 * A small XML writer for AWS response bodies. Handlers describe results as plain trees:
 * objects become elements in key order, arrays become a wrapper element whose children are named
 * after the protocol's list member (`item` for EC2, `member` for awsQuery), and `flattened(...)`
 * repeats the element itself, as S3 does for <Contents> and <CommonPrefixes>.
 */
export type XmlScalar = string | number | boolean | Date | bigint;
export type XmlContent = XmlScalar | null | undefined | XmlTree | XmlContent[] | FlattenedList | RawXml;
export interface XmlTree {
  [element: string]: XmlContent;
}

export class FlattenedList {
  constructor(readonly items: XmlContent[]) {}
}
/** Repeat the element once per item instead of wrapping the items in a list element. */
export const flattened = (items: XmlContent[]) => new FlattenedList(items);

export class RawXml {
  constructor(readonly xml: string) {}
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => XML_ESCAPES[c] ?? c);
}
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

export function formatXmlScalar(value: XmlScalar): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export interface XmlWriteOptions {
  /** Element name for each member of an array. */
  listMember: string;
}

export function writeElement(name: string, content: XmlContent, options: XmlWriteOptions, attributes = ''): string {
  if (content === undefined || content === null) return '';
  if (content instanceof RawXml) return `<${name}${attributes}>${content.xml}</${name}>`;
  if (content instanceof FlattenedList) {
    return content.items.map((item) => writeElement(name, item, options)).join('');
  }
  if (Array.isArray(content)) {
    const inner = content.map((item) => writeElement(options.listMember, item, options)).join('');
    return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
  }
  if (typeof content === 'object' && !(content instanceof Date)) {
    return `<${name}${attributes}>${writeChildren(content, options)}</${name}>`;
  }
  return `<${name}${attributes}>${escapeXml(formatXmlScalar(content))}</${name}>`;
}

export function writeChildren(tree: XmlTree, options: XmlWriteOptions): string {
  let out = '';
  for (const [key, value] of Object.entries(tree)) out += writeElement(key, value, options);
  return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
