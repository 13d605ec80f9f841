import Link from 'next/link';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconName } from './icon';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'normal' | 'link' | 'icon' | 'inline-link';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  variant?: ButtonVariant;
  /** Shows a spinner, disables the button and marks it busy; the label stays so the name is stable. */
  loading?: boolean;
  iconName?: IconName;
  iconAlign?: 'left' | 'right';
  /** Renders a link that looks like a button (for navigation, never for actions). */
  href?: string;
  /** Required for icon buttons, which have no visible text. */
  ariaLabel?: string;
  children?: ReactNode;
}

const base =
  'inline-flex items-center justify-center gap-1.5 whitespace-nowrap font-bold leading-5 transition-colors no-underline hover:no-underline';

const variants: Record<ButtonVariant, string> = {
  primary:
    'rounded-full border-2 border-primary bg-primary px-5 py-1 text-white hover:border-primary-hover hover:bg-primary-hover hover:text-white active:bg-primary-active disabled:border-line disabled:bg-line disabled:text-ink-disabled',
  normal:
    'rounded-full border-2 border-link bg-white px-5 py-1 text-link hover:border-link-hover hover:bg-selected hover:text-link-hover disabled:border-line disabled:bg-white disabled:text-ink-disabled',
  link: 'rounded-full border-2 border-transparent px-3 py-1 text-link hover:bg-selected hover:text-link-hover disabled:text-ink-disabled disabled:hover:bg-transparent',
  icon: 'rounded-full border-2 border-transparent p-1 text-ink-secondary hover:text-ink disabled:text-ink-disabled',
  'inline-link': 'p-0 font-normal text-link underline-offset-2 hover:text-link-hover hover:underline disabled:text-ink-disabled',
};

export function Button({
  variant = 'normal',
  loading = false,
  iconName,
  iconAlign = 'left',
  href,
  ariaLabel,
  children,
  className,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  const icon = loading ? <Spinner /> : iconName ? <Icon name={iconName} /> : null;
  const content = (
    <>
      {iconAlign === 'left' && icon}
      {children}
      {iconAlign === 'right' && !loading && icon}
    </>
  );
  // A normal or primary button with only an icon is squarer, like the console's refresh button.
  const iconOnly = !children && (iconName || loading) && (variant === 'normal' || variant === 'primary');
  const classes = cx(base, variants[variant], iconOnly && 'px-2.5', className);
  if (href && !disabled) {
    return (
      <Link href={href} className={classes} aria-label={ariaLabel}>
        {content}
      </Link>
    );
  }
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled || loading}
      aria-label={ariaLabel}
      aria-busy={loading || undefined}
      {...rest}
    >
      {content}
    </button>
  );
}
