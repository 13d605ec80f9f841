'use client';

import { useMemo, useRef, type KeyboardEvent } from 'react';
import { cx } from '@/components/ui/class-names';
import { tokenizeSql, type SqlTokenType } from '@/lib/sql-tokenizer';

/** Past this length the text is shown without colours; typing stays instant whatever the size. */
const HIGHLIGHT_LIMIT = 100_000;

const TOKEN_CLASS: Partial<Record<SqlTokenType, string>> = {
  keyword: 'code-token-keyword font-bold',
  function: 'text-[#0550ae]',
  'quoted-identifier': 'text-[#0a3069]',
  string: 'code-token-string',
  number: 'code-token-number',
  comment: 'code-token-comment',
  operator: 'text-[#57606a]',
  punctuation: 'code-token-punctuation',
  parameter: 'rounded-sm bg-[#fff4cc] font-bold text-[#8d6605]',
};

interface Props {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  /** Ctrl+Enter / Cmd+Enter. */
  onRun: () => void;
  ariaLabel: string;
  describedBy?: string;
  placeholder?: string;
}

/**
 * The SQL editor: a plain textarea (so typing, undo, selection, IME and screen readers behave as
 * everywhere) over a highlighted copy of its text, scrolled in step with it.
 */
export function SqlEditor({ id, value, onChange, onRun, ariaLabel, describedBy, placeholder }: Props) {
  const highlightRef = useRef<HTMLPreElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => value.split('\n').length, [value]);
  const highlighted = useMemo(() => {
    if (value.length > HIGHLIGHT_LIMIT) return value;
    return tokenizeSql(value).map((token) => {
      const className = TOKEN_CLASS[token.type];
      return className ? (
        <span key={token.start} className={className}>
          {token.text}
        </span>
      ) : (
        token.text
      );
    });
  }, [value]);

  const syncScroll = (textarea: HTMLTextAreaElement) => {
    if (highlightRef.current) {
      highlightRef.current.scrollTop = textarea.scrollTop;
      highlightRef.current.scrollLeft = textarea.scrollLeft;
    }
    if (gutterRef.current) gutterRef.current.style.transform = `translateY(${-textarea.scrollTop}px)`;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  };

  const text = 'm-0 px-3 py-2 font-mono text-[13px] leading-5 whitespace-pre tracking-normal';
  return (
    <div className="relative flex h-72 overflow-hidden rounded-lg border-2 border-input-line bg-white focus-within:border-focus focus-within:ring-2 focus-within:ring-focus/30">
      <div aria-hidden="true" className="w-12 shrink-0 overflow-hidden border-r border-line bg-subtle select-none">
        <div ref={gutterRef} className="py-2 pr-2 text-right font-mono text-[13px] leading-5 text-ink-secondary">
          {Array.from({ length: lineCount }, (_, index) => (
            <div key={index}>{index + 1}</div>
          ))}
        </div>
      </div>
      <div className="relative min-w-0 flex-1">
        <pre ref={highlightRef} aria-hidden="true" className={cx(text, 'pointer-events-none absolute inset-0 overflow-hidden text-ink')}>
          {/* Room for the textarea's scrollbars, so both can scroll equally far. */}
          <code className="inline-block pr-6 pb-6">
            {highlighted}
            {'\n'}
          </code>
        </pre>
        <textarea
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => syncScroll(event.currentTarget)}
          onKeyDown={onKeyDown}
          aria-label={ariaLabel}
          aria-describedby={describedBy}
          placeholder={placeholder}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          className={cx(
            text,
            'absolute inset-0 h-full w-full resize-none overflow-auto bg-transparent text-transparent caret-ink outline-none placeholder:text-ink-disabled placeholder:italic focus-visible:outline-none selection:bg-[#b4d5fe] selection:text-transparent',
          )}
        />
      </div>
    </div>
  );
}
