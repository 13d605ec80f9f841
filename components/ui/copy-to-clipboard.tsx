'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { Button } from './button';
import { Icon } from './icon';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy, which works on plain http too
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * Copies a value and says so for two seconds. `variant="icon"` is the small button placed next to
 * a value; `variant="button"` is a labelled button for header action rows.
 */
export function CopyToClipboard({ text, label, variant = 'icon' }: { text: string; label: string; variant?: 'icon' | 'button' }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    const ok = await writeClipboard(text);
    setState(ok ? 'copied' : 'failed');
    window.setTimeout(() => setState('idle'), 2000);
  };
  const feedback = state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : '';
  return (
    <span className="relative inline-flex items-center align-middle">
      {variant === 'icon' ? (
        <Button variant="icon" ariaLabel={label} title={label} onClick={copy}>
          <Icon name={state === 'copied' ? 'check' : 'copy'} />
        </Button>
      ) : (
        <Button iconName={state === 'copied' ? 'check' : 'copy'} onClick={copy}>
          {label}
        </Button>
      )}
      <span role="status" className={feedback ? 'ml-1 text-[12px] text-ink-secondary' : 'sr-only'}>
        {feedback}
      </span>
    </span>
  );
}
