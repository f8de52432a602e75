/**
 * 拆分: cut one item in two at a position of its source text. The position comes from a click in the document
 * (passed in as `initial`), a click in the item's text shown here, or the sentence buttons (for keyboards and phones).
 */
import { Button, Flex, Modal, Typography, theme } from 'antd';
import { useState } from 'react';
import type { Span } from '../../api/documents.ts';
import { offsetAtPoint } from '../../components/intake/SourceText.tsx';
import { useI18n } from '../../i18n/index.ts';

const SENTENCE_END = /[。；！？;!?\n]/u;

/** Positions inside the span right after a sentence end: the natural places to split. */
function sentenceCuts(text: string, span: Span): number[] {
  const out: number[] = [];
  for (let p = span[0] + 1; p < span[1]; p++) if (SENTENCE_END.test(text[p - 1] ?? '')) out.push(p);
  return out;
}

function SplitBody({ text, span, initial, busy, onCancel, onSplit }: { text: string; span: Span; initial: number | null; busy: boolean; onCancel(): void; onSplit(at: number): void }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const inside = (p: number | null): p is number => p !== null && p > span[0] && p < span[1];
  const [at, setAt] = useState<number | null>(inside(initial) ? initial : (sentenceCuts(text, span)[0] ?? null));
  const cuts = sentenceCuts(text, span);
  const valid = inside(at);
  const cut = valid ? at : span[1];
  const preview = (s: number, e: number) => {
    const slice = text.slice(s, e).replace(/\s+/g, ' ').trim();
    return slice.length > 60 ? `${slice.slice(0, 60)}…` : slice;
  };
  const step = (direction: -1 | 1) => {
    const from = at ?? span[0];
    const next = direction > 0 ? cuts.find((c) => c > from) : [...cuts].reverse().find((c) => c < from);
    if (next !== undefined) setAt(next);
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('intake.split.hint')}</Typography.Text>
      <div
        role="group"
        aria-label={t('intake.split.textLabel')}
        onClick={(e) => {
          const offset = offsetAtPoint(e.clientX, e.clientY);
          if (offset !== null) setAt(offset);
        }}
        style={{
          whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9, maxHeight: 320, overflow: 'auto', cursor: 'text',
          padding: 12, border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius, overflowWrap: 'anywhere',
        }}
      >
        <span data-s={span[0]}>{text.slice(span[0], cut)}</span>
        {valid ? <span aria-hidden style={{ color: token.colorError, fontWeight: 700, margin: '0 1px' }}>│</span> : null}
        {valid ? <span data-s={cut} style={{ background: token.colorWarningBg }}>{text.slice(cut, span[1])}</span> : null}
      </div>
      <Flex gap={8} wrap>
        <Button size="small" onClick={() => step(-1)} disabled={!cuts.some((c) => c < (at ?? span[0]))}>{t('intake.split.previous')}</Button>
        <Button size="small" onClick={() => step(1)} disabled={!cuts.some((c) => c > (at ?? span[0]))}>{t('intake.split.next')}</Button>
      </Flex>
      {valid ? (
        <Flex vertical gap={4}>
          <Typography.Text><Typography.Text strong>{t('intake.split.first')}</Typography.Text> {preview(span[0], at)}</Typography.Text>
          <Typography.Text><Typography.Text strong>{t('intake.split.second')}</Typography.Text> {preview(at, span[1])}</Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="warning">{t('intake.split.choose')}</Typography.Text>
      )}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!valid} loading={busy} onClick={() => valid && onSplit(at)}>{t('intake.action.split')}</Button>
      </Flex>
    </Flex>
  );
}

export interface SplitTarget {
  id: string;
  title: string;
  span: Span;
}

export function SplitModal({ target, text, initial, busy, onCancel, onSplit }: { target: SplitTarget | null; text: string; initial: number | null; busy: boolean; onCancel(): void; onSplit(at: number): void }) {
  const { t } = useI18n();
  return (
    <Modal open={target !== null} title={t('intake.split.title', { title: target?.title ?? '' })} onCancel={onCancel} footer={null} destroyOnHidden width={680}>
      {target ? <SplitBody key={target.id} text={text} span={target.span} initial={initial} busy={busy} onCancel={onCancel} onSplit={onSplit} /> : null}
    </Modal>
  );
}
