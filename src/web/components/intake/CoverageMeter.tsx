/**
 * The coverage meter: how many directive sentences of the document some included item covers, and the ones no task
 * covers yet, each a link that shows the sentence in the source text.
 */
import { Collapse, Flex, Progress, Typography } from 'antd';
import type { Span } from '../../api/documents.ts';
import { useI18n } from '../../i18n/index.ts';

export interface CoverageFacts {
  directiveSentences: number;
  covered: number;
  uncovered: ReadonlyArray<{ span: Span; text: string }>;
}

export function CoverageMeter({ coverage, onJump, listOpen = false }: { coverage: CoverageFacts; onJump(span: Span): void; listOpen?: boolean }) {
  const { t, formatNumber } = useI18n();
  const { directiveSentences: total, covered, uncovered } = coverage;
  const percent = total === 0 ? 100 : Math.round((covered / total) * 100);
  const ratio = t('intake.coverage.ratio', { covered: formatNumber(covered), total: formatNumber(total) });
  const meter = (
    <Flex align="center" gap={12} style={{ width: '100%', minWidth: 0, maxWidth: 480 }}>
      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{t('intake.coverage.title')}</Typography.Text>
      <Progress
        percent={percent}
        status={uncovered.length ? 'active' : 'success'}
        format={() => ratio}
        aria-label={`${t('intake.coverage.title')} ${ratio}`}
        data-testid="coverage-meter"
        style={{ flex: 1, minWidth: 120, margin: 0 }}
      />
    </Flex>
  );
  if (!uncovered.length) {
    return (
      <Flex align="center" gap={12} wrap>
        <div style={{ flex: '1 1 280px', minWidth: 0, maxWidth: 480 }}>{meter}</div>
        <Typography.Text type="secondary">{t('intake.coverage.complete')}</Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      {meter}
      <Collapse
        ghost
        size="small"
        defaultActiveKey={listOpen ? ['uncovered'] : []}
        items={[{
          key: 'uncovered',
          label: <Typography.Text type="secondary">{t('intake.coverage.missing', { count: formatNumber(uncovered.length) })}</Typography.Text>,
          styles: { header: { paddingInline: 0 } },
          children: (
            <ol style={{ margin: 0, paddingInlineStart: 20, maxHeight: 220, overflow: 'auto' }}>
              {uncovered.map((u) => (
                <li key={u.span[0]} style={{ marginBottom: 4 }}>
                  <Typography.Link
                    onClick={() => onJump(u.span)}
                    title={u.text}
                    style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
                  >
                    {u.text}
                  </Typography.Link>
                </li>
              ))}
            </ol>
          ),
        }]}
      />
    </Flex>
  );
}
