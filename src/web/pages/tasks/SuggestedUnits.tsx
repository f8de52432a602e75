/** 建议牵头单位 in the assign dialog: the units whose duties match the task, best first; a click fills the field. */
import { Flex, Tag, Typography } from 'antd';
import { useTaskSuggestions } from '../../api/suggestions.ts';
import { useI18n } from '../../i18n/index.ts';

export function SuggestedUnits({ taskId, onPick }: { taskId: string; onPick(unitId: string): void }) {
  const { t } = useI18n();
  const suggestions = useTaskSuggestions(taskId, true);
  const items = suggestions.data?.items ?? [];
  if (suggestions.isPending || suggestions.isError) return null;
  return (
    <Flex gap={6} wrap align="center" data-testid="unit-suggestions" style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{t('programme.suggest.label')}</Typography.Text>
      {items.length ? items.map((s) => (
        <Tag
          key={s.unitId}
          role="button"
          tabIndex={0}
          onClick={() => onPick(s.unitId)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') onPick(s.unitId);
          }}
          title={[
            s.reasons.length ? t('programme.suggest.why', { words: s.reasons.join('、') }) : null,
            ...s.similar.map((x) => t('programme.suggest.similar', { title: x.title })),
          ].filter(Boolean).join('\n')}
          style={{ borderStyle: 'dashed', marginInlineEnd: 0, cursor: 'pointer' }}
        >
          {s.unitName}
        </Tag>
      )) : <Typography.Text type="secondary">{t('programme.suggest.empty')}</Typography.Text>}
    </Flex>
  );
}
