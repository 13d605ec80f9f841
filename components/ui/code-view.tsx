import { tokenize, type CodeLanguage, type Token } from '@/lib/code-highlight';
import { cx } from './class-names';
import { CopyToClipboard } from './copy-to-clipboard';

/** Past this size the text is shown without colours: thousands of spans cost more than they help. */
const HIGHLIGHT_LIMIT = 300_000;
/** Copying goes through the client; very large texts are better downloaded than copied. */
const COPY_LIMIT = 256 * 1024;

export interface CodeViewProps {
  content: string;
  language?: CodeLanguage;
  /** Accessible name of the scrollable code region. */
  ariaLabel: string;
  /** Label of the copy button; no button without it. */
  copyLabel?: string;
  lineNumbers?: boolean;
  maxHeight?: number;
}

function tokenClass(token: Token): string | undefined {
  if (token.type === 'plain') return undefined;
  if (token.type === 'field') return cx(`code-token-field-${(token.column ?? 0) % 6}`, token.header && 'code-token-header');
  return `code-token-${token.type}`;
}

/**
 * Read-only code with line numbers and light highlighting for YAML, JSON and CSV. Rendered on the
 * server: the browser receives finished markup and no tokenizer.
 */
export function CodeView({ content, language = 'text', ariaLabel, copyLabel, lineNumbers = true, maxHeight = 560 }: CodeViewProps) {
  const lineCount = content.length === 0 ? 1 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  const highlight = content.length <= HIGHLIGHT_LIMIT && language !== 'text';
  const tokens = highlight ? tokenize(content, language) : [];
  return (
    <div className="relative rounded-lg border border-line bg-[#fbfbfb]">
      {copyLabel && content.length <= COPY_LIMIT && (
        <div className="absolute top-1.5 right-2 z-10">
          <CopyToClipboard text={content} label={copyLabel} />
        </div>
      )}
      <div
        role="region"
        aria-label={ariaLabel}
        tabIndex={0}
        className="overflow-auto rounded-lg font-mono text-[12px] leading-[18px]"
        style={{ maxHeight }}
      >
        <div className="flex min-w-max">
          {lineNumbers && (
            <pre
              aria-hidden="true"
              className="sticky left-0 select-none border-r border-line bg-subtle px-3 py-2 text-right text-ink-secondary"
            >
              {Array.from({ length: lineCount }, (_, i) => i + 1).join('\n')}
            </pre>
          )}
          <pre className="flex-1 py-2 pr-12 pl-3 text-ink" data-language={language}>
            <code>
              {highlight
                ? tokens.map((token, index) => {
                    const className = tokenClass(token);
                    return className ? (
                      <span key={index} className={className}>
                        {token.text}
                      </span>
                    ) : (
                      token.text
                    );
                  })
                : content}
            </code>
          </pre>
        </div>
      </div>
    </div>
  );
}
