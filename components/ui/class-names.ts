/** Joins the truthy class names; the one helper the primitives share. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
