import type { SVGProps } from 'react';

/**
 * The console's 16px stroke icons (drawn after Cloudscape's icon set). Decorative by default:
 * the text next to an icon carries the meaning, so icons are aria-hidden unless given a label.
 */
export type IconName =
  | 'status-positive'
  | 'status-negative'
  | 'status-warning'
  | 'status-info'
  | 'status-stopped'
  | 'status-pending'
  | 'status-in-progress'
  | 'close'
  | 'caret-down'
  | 'caret-up'
  | 'sort'
  | 'angle-left'
  | 'angle-right'
  | 'angle-down'
  | 'search'
  | 'refresh'
  | 'copy'
  | 'download'
  | 'upload'
  | 'folder'
  | 'file'
  | 'external'
  | 'menu'
  | 'add'
  | 'check';

const PATHS: Record<IconName, React.ReactNode> = {
  'status-positive': (
    <>
      <circle cx="8" cy="8" r="7" />
      <path d="m5 8 2 2 4-4" />
    </>
  ),
  'status-negative': (
    <>
      <circle cx="8" cy="8" r="7" />
      <path d="m10.828 5.172-5.656 5.656M10.828 10.828 5.172 5.172" />
    </>
  ),
  'status-warning': (
    <>
      <path d="m8 1 7 14H1L8 1z" />
      <path d="M8 11V6M7 13h2" />
    </>
  ),
  'status-info': (
    <>
      <circle cx="8" cy="8" r="7" />
      <path d="M8 11V8M7 5h2" />
    </>
  ),
  'status-stopped': (
    <>
      <circle cx="8" cy="8" r="7" />
      <path d="M11 8H5" />
    </>
  ),
  'status-pending': (
    <>
      <circle cx="8" cy="8" r="7" />
      <path d="M8 4v4l2 2" />
    </>
  ),
  'status-in-progress': (
    <>
      <circle cx="8" cy="8" r="7" />
      <path d="M4.5 8h1M7.5 8h1M10.5 8h1" />
    </>
  ),
  close: <path d="m2 2 12 12M14 2 2 14" />,
  'caret-down': <path d="m4 6 4 4 4-4z" fill="currentColor" />,
  'caret-up': <path d="m4 10 4-4 4 4z" fill="currentColor" />,
  sort: <path d="m5 6.5 3-3 3 3zM5 9.5l3 3 3-3z" fill="currentColor" stroke="none" />,
  'angle-left': <path d="M11 2 5 8l6 6" />,
  'angle-right': <path d="m5 2 6 6-6 6" />,
  'angle-down': <path d="m2 5 6 6 6-6" />,
  search: (
    <>
      <circle cx="7" cy="7" r="5" />
      <path d="m15 15-4.5-4.5" />
    </>
  ),
  refresh: (
    <>
      <path d="M15 8a7 7 0 1 1-3.6-6.1" />
      <path d="M15 1v4h-4" />
    </>
  ),
  copy: (
    <>
      <path d="M2 5h9v9H2z" />
      <path d="M5 2h9v9" />
    </>
  ),
  download: <path d="M1 10v5h14v-5M8 1v10M4 7l4 4 4-4" />,
  upload: <path d="M1 10v5h14v-5M8 11V1M4 5l4-4 4 4" />,
  folder: <path d="M1 3h5l2 2h7v9H1z" />,
  file: <path d="M3 1h6l4 4v10H3zM9 1v4h4" />,
  external: <path d="M10 2h4v4M14 2 7 9M12 9v5H2V4h5" />,
  menu: <path d="M1 3h14M1 8h14M1 13h14" />,
  add: <path d="M8 2v12M2 8h12" />,
  check: <path d="m2 8 4 4 8-8" />,
};

export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'name'> {
  name: IconName;
  /** Give a label only when the icon stands alone and means something. */
  label?: string;
  size?: number;
}

export function Icon({ name, label, size = 16, className, ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 16 16"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      className={['inline-block shrink-0', className].filter(Boolean).join(' ')}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      {...rest}
    >
      {PATHS[name]}
    </svg>
  );
}
