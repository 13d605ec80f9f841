import { bucketHref } from '@/components/s3/links';

/** URLs of the Stacks console, and the console pages a stack's resources link to. */

export const STACKS_HREF = '/cloudformation/stacks';

export type StackTab = 'info' | 'events' | 'resources' | 'outputs' | 'parameters' | 'template';

/** A stack's page, by name (live stacks) or by stack ID (the only way to reach a deleted one). */
export function stackHref(nameOrId: string, tab?: StackTab): string {
  const base = `${STACKS_HREF}/${encodeURIComponent(nameOrId)}`;
  return tab ? `${base}?tab=${tab}` : base;
}

export function createStackHref(templateURL?: string): string {
  return templateURL ? `${STACKS_HREF}/create?templateURL=${encodeURIComponent(templateURL)}` : `${STACKS_HREF}/create`;
}

/** The route segment back to a stack name or ID; tolerant of being decoded already. */
export function stackFromParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export interface ResourceForLink {
  type: string;
  physicalId: string | null;
}

/**
 * Where a resource's physical ID leads: a workgroup or a Glue database/table opens the Athena query
 * editor on it, a bucket the S3 browser. A Glue table's physical ID is only the table name, so its
 * database comes from the stack (`tableDatabase`, read from the resource's properties).
 */
export function resourceHref(resource: ResourceForLink, tableDatabase?: string | null): string | null {
  const id = resource.physicalId;
  if (!id) return null;
  switch (resource.type) {
    case 'AWS::Athena::WorkGroup':
      return `/athena/query-editor?workgroup=${encodeURIComponent(id)}`;
    case 'AWS::S3::Bucket':
      return bucketHref(id);
    case 'AWS::Glue::Database':
      return `/athena/query-editor?database=${encodeURIComponent(id)}`;
    case 'AWS::Glue::Table':
      return tableDatabase ? `/athena/query-editor?database=${encodeURIComponent(tableDatabase)}` : null;
    default:
      return null;
  }
}
