'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { cx } from './class-names';
import { Icon } from './icon';

export interface ButtonDropdownItem {
  id: string;
  text: string;
  disabled?: boolean;
  /** Why the item is disabled; shown under it and read with it (a disabled item always says why). */
  disabledReason?: string;
}

/**
 * A menu button (Cloudscape "button dropdown"), e.g. the Actions menu of a table: a button that
 * opens a list of actions. WAI-ARIA menu pattern: arrow keys move, Enter/Space activate, Escape
 * closes and returns focus to the button. Disabled items stay focusable so their reason can be read.
 */
export function ButtonDropdown({
  text,
  items,
  onItemClick,
  variant = 'normal',
}: {
  text: string;
  items: ButtonDropdownItem[];
  onItemClick: (id: string) => void;
  variant?: 'normal' | 'primary';
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const itemRefs = useRef<(HTMLLIElement | null)[]>([]);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const activate = (item: ButtonDropdownItem) => {
    if (item.disabled) return;
    close();
    onItemClick(item.id);
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key === 'ArrowDown') setActive((i) => (i + 1) % items.length);
    else if (event.key === 'ArrowUp') setActive((i) => (i - 1 + items.length) % items.length);
    else if (event.key === 'Home') setActive(0);
    else if (event.key === 'End') setActive(items.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      close();
      return;
    } else if (event.key === 'Enter' || event.key === ' ') activate(items[active]);
    else return;
    event.preventDefault();
  };

  return (
    <div className="relative inline-block">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          setActive(0);
          setOpen((value) => !value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive(0);
            setOpen(true);
          }
        }}
        className={cx(
          'inline-flex items-center gap-1.5 rounded-full border-2 px-5 py-1 font-bold leading-5 whitespace-nowrap',
          variant === 'primary'
            ? 'border-primary bg-primary text-white hover:border-primary-hover hover:bg-primary-hover'
            : 'border-link bg-white text-link hover:border-link-hover hover:bg-selected hover:text-link-hover',
        )}
      >
        {text}
        <Icon name="caret-down" className={cx('transition-transform', open && 'rotate-180')} />
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={text}
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-30 mt-1 min-w-[240px] overflow-hidden rounded-lg border border-line-strong bg-white py-1 shadow-[0_4px_20px_1px_rgba(0,7,22,0.15)]"
        >
          {items.map((item, index) => {
            const reasonId = `${menuId}-${item.id}-reason`;
            return (
              <li
                key={item.id}
                ref={(node) => {
                  itemRefs.current[index] = node;
                }}
                role="menuitem"
                aria-label={item.text}
                tabIndex={index === active ? 0 : -1}
                aria-disabled={item.disabled || undefined}
                aria-describedby={item.disabled && item.disabledReason ? reasonId : undefined}
                title={item.disabled ? item.disabledReason : undefined}
                onClick={() => activate(item)}
                onMouseEnter={() => setActive(index)}
                className={cx(
                  'block cursor-pointer px-4 py-1.5 outline-none focus:bg-selected',
                  item.disabled ? 'cursor-default text-ink-disabled' : 'text-ink hover:bg-selected',
                )}
              >
                <span className="block">{item.text}</span>
                {item.disabled && item.disabledReason && (
                  <span id={reasonId} className="block text-[12px] leading-4 text-ink-secondary">
                    {item.disabledReason}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
