'use client';

import { useTransition } from 'react';
import { useLang, useT } from '@/components/i18n/i18n-provider';
import { Spinner } from '@/components/ui/spinner';
import { regionLabel } from '@/lib/aws-regions';
import { LANG_NAMES, LANGS } from '@/lib/i18n/translate';
import { setLanguage, setRegion } from '@/server/actions/preferences';

const selectClass =
  'field-sizing-content max-w-[140px] sm:max-w-[320px] truncate cursor-pointer appearance-none rounded-md border border-transparent bg-transparent py-1 pr-7 pl-2 text-[14px] text-white hover:border-[#8d99a8] focus:border-white focus:outline-none [&>option]:bg-white [&>option]:text-ink';

const caret = {
  backgroundImage:
    "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='m4 6 4 4 4-4z' fill='%23ffffff'/%3E%3C/svg%3E\")",
  backgroundRepeat: 'no-repeat',
  backgroundPosition: 'right 6px center',
  backgroundSize: '14px',
};

/** The Region every page reads from; stored in the `region` cookie by a server action. */
export function RegionSelector({ region, regions }: { region: string; regions: string[] }) {
  const t = useT();
  const lang = useLang();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5">
      <span className="sr-only">{t('topbar.region')}</span>
      {pending && <Spinner size={14} className="text-white" />}
      <select
        value={region}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setRegion(next);
          });
        }}
        className={selectClass}
        style={caret}
        title={t('topbar.region')}
      >
        {regions.map((code) => (
          <option key={code} value={code}>
            {regionLabel(code, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** English / 日本語, stored in the `lang` cookie; the whole console re-renders in the new language. */
export function LanguageSwitch() {
  const t = useT();
  const lang = useLang();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5">
      <span className="sr-only">{t('topbar.language')}</span>
      <select
        value={lang}
        disabled={pending}
        lang={lang}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLanguage(next);
          });
        }}
        className={selectClass}
        style={caret}
        title={t('topbar.language')}
      >
        {LANGS.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANG_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
