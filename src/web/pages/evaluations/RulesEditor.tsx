/** The scoring rules: every version with the day it came into force, and a JSON editor for a new version. */
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, List, Skeleton, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCreateRuleSet, useRuleSets } from '../../api/measure.ts';
import { isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

export function RulesEditor() {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const q = useRuleSets();
  const create = useCreateRuleSet();
  const [text, setText] = useState<string | null>(null);
  const [from, setFrom] = useState<Dayjs>(() => dayjs().month(Math.floor(dayjs().month() / 3) * 3).startOf('month'));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  const current = q.data.items[0];
  const json = text ?? JSON.stringify(current?.rules ?? { components: {} }, null, 2);
  let parseError: string | null = null;
  let parsed: Record<string, unknown> | null = null;
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) parsed = v as Record<string, unknown>;
    else parseError = '{ "components": { … } }';
  } catch (err) {
    parseError = err instanceof Error ? err.message : String(err);
  }
  return (
    <Flex vertical gap={16}>
      {q.data.canEdit ? (
        <Card size="small" title={t('measure.rules.save')}>
          <Form name="evaluationRules" layout="vertical">
            <Form.Item label={t('measure.rules.json')} extra={t('measure.rules.jsonHint', { keys: q.data.componentKeys.join(', ') })} validateStatus={parseError ? 'error' : undefined} help={parseError ? t('measure.rules.invalidJson', { message: parseError }) : undefined}>
              <Input.TextArea aria-label={t('measure.rules.json')} value={json} onChange={(e) => { setText(e.target.value); setProblems([]); }} autoSize={{ minRows: 8, maxRows: 24 }} style={{ fontFamily: 'monospace' }} spellCheck={false} />
            </Form.Item>
            {problems.length ? <Alert type="error" showIcon title={t('error.invalid_rules')} description={<ul style={{ margin: 0 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} style={{ marginBottom: 12 }} /> : null}
            <Flex gap={12} wrap align="end">
              <Form.Item label={t('measure.rules.effectiveFrom')} style={{ marginBottom: 0 }}><DatePicker value={from} onChange={(d) => d && setFrom(d)} allowClear={false} /></Form.Item>
              <Form.Item label={t('measure.rules.note')} style={{ marginBottom: 0 }}><Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 280 }} /></Form.Item>
              <Button type="primary" disabled={!parsed} loading={create.isPending} onClick={() => parsed && create.mutate({ rules: parsed, effectiveFrom: from.format('YYYY-MM-DD'), note: note.trim() || null }, {
                onSuccess: (r) => { void message.success(t('measure.rules.saved', { version: r.version })); setText(null); setNote(''); },
                onError: (err) => {
                  const list = isApiError(err) ? (err.details as { problems?: string[] } | undefined)?.problems : undefined;
                  if (list?.length) setProblems(list);
                  else void message.error(errorText(err));
                },
              })}>{t('measure.rules.save')}</Button>
            </Flex>
          </Form>
        </Card>
      ) : null}
      <Card size="small" title={t('measure.eval.rules')}>
        <List
          dataSource={q.data.items}
          renderItem={(r, i) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{t('measure.rules.version', { version: r.version })}</Typography.Text>
                  <Typography.Text type="secondary">{t('measure.rules.effectiveFrom')}：{formatDate(r.effectiveFrom)}</Typography.Text>
                  {i === 0 ? <Tag color="blue">{t('measure.rules.current')}</Tag> : null}
                  {r.note ? <Typography.Text>{r.note}</Typography.Text> : null}
                </Flex>
                <Typography.Paragraph code style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(r.rules)}</Typography.Paragraph>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
