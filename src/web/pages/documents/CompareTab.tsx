/**
 * 对比 (提法对比): this document against another one — formulations, work areas and topics that are new in the
 * newer document, dropped since the older one, or continued.
 */
import { SwapOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useComparison, useDocuments, type AreaRef } from '../../api/documents.ts';
import type { DocumentDetail, DocumentSummary } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.ts';

/** The day a document speaks for: its own date, else the day it was imported. */
const dayOf = (d: Pick<DocumentSummary, 'date' | 'createdAt'>) => d.date ?? d.createdAt.slice(0, 10);

function Column({ title, color, count, children }: { title: string; color: string; count: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={8} style={{ minWidth: 0 }}>
      <Flex align="center" gap={8}>
        <Badge color={color} />
        <Typography.Text strong>{title}</Typography.Text>
        <Typography.Text type="secondary">{count}</Typography.Text>
      </Flex>
      {count ? children : <Typography.Text type="secondary">{t('intake.compare.nothing')}</Typography.Text>}
    </Flex>
  );
}

function Area({ area }: { area: AreaRef }) {
  return (
    <Typography.Text>
      {area.label ? <strong>{area.label} </strong> : null}
      {area.title}
    </Typography.Text>
  );
}

export function CompareTab({ doc }: { doc: DocumentDetail }) {
  const { t, formatDate } = useI18n();
  const documents = useDocuments();
  const [otherId, setOtherId] = useState<string | null>(null);
  const [swapped, setSwapped] = useState(false);
  const others = (documents.data?.items ?? []).filter((d) => d.id !== doc.id);
  const other = others.find((d) => d.id === otherId) ?? null;
  // The older document is `a`; the reader may swap when dates are missing or misleading.
  const thisFirst = other ? dayOf(doc) <= dayOf(other) : true;
  const [older, newer] = other ? ((thisFirst !== swapped) ? [doc, other] : [other, doc]) : [null, null];
  const comparison = useComparison(older?.id ?? null, newer?.id ?? null);

  const picker = (
    <Card size="small">
      <Flex gap={12} wrap align="center">
        <Typography.Text>{t('intake.compare.with')}</Typography.Text>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={otherId}
          onChange={(v: string) => {
            setOtherId(v);
            setSwapped(false);
          }}
          placeholder={t('intake.compare.pick')}
          aria-label={t('intake.compare.pick')}
          loading={documents.isPending}
          style={{ minWidth: 280, flex: '1 1 280px', maxWidth: 560 }}
          options={others.map((d) => ({ value: d.id, label: `${d.title}${d.date ? ` (${formatDate(d.date)})` : ''}` }))}
          notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.compare.noOthers')} />}
        />
        {older && newer ? (
          <Flex gap={8} wrap align="center">
            <Typography.Text type="secondary">{t('intake.compare.order', { older: older.title, newer: newer.title })}</Typography.Text>
            <Button size="small" icon={<SwapOutlined aria-hidden />} onClick={() => setSwapped((s) => !s)}>{t('intake.compare.swap')}</Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );

  if (documents.isError) return <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />;
  if (!other) {
    return (
      <Flex vertical gap={16}>
        {picker}
        {documents.isSuccess && others.length === 0 ? (
          <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>{t('intake.compare.noOthers')} <Link to="/documents">{t('documents.back')}</Link></>} /></Card>
        ) : null}
      </Flex>
    );
  }
  const c = comparison.data;
  const green = '#389e0d';
  const red = '#cf1322';
  const grey = '#8c8c8c';
  return (
    <Flex vertical gap={16}>
      {picker}
      {comparison.isError ? <ErrorAlert error={comparison.error} onRetry={() => void comparison.refetch()} /> : null}
      {comparison.isPending ? <Card><Skeleton active /></Card> : null}
      {c ? (
        <>
          <Card size="small" title={t('intake.compare.formulations')}>
            <Row gutter={[24, 16]}>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.new')} color={green} count={c.formulations.new.length}>
                  <Flex gap={6} wrap>{c.formulations.new.map((f) => <Tag key={f.key} color="green">{f.text} ×{f.count}</Tag>)}</Flex>
                </Column>
              </Col>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.dropped')} color={red} count={c.formulations.dropped.length}>
                  <Flex gap={6} wrap>{c.formulations.dropped.map((f) => <Tag key={f.key} color="red">{f.text} ×{f.count}</Tag>)}</Flex>
                </Column>
              </Col>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.continued')} color={grey} count={c.formulations.continued.length}>
                  <Flex gap={6} wrap>
                    {c.formulations.continued.map((f) => <Tag key={f.key} title={f.textA}>{f.textB} {f.countA}→{f.countB}</Tag>)}
                  </Flex>
                </Column>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('intake.compare.areas')}>
            <Row gutter={[24, 16]}>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.new')} color={green} count={c.areas.new.length}>
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>{c.areas.new.map((a, i) => <li key={i}><Area area={a} /></li>)}</ul>
                </Column>
              </Col>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.dropped')} color={red} count={c.areas.dropped.length}>
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>{c.areas.dropped.map((a, i) => <li key={i}><Area area={a} /></li>)}</ul>
                </Column>
              </Col>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.continued')} color={grey} count={c.areas.continued.length}>
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {c.areas.continued.map((pair, i) => (
                      <li key={i}>
                        <Area area={pair.b} />
                        <br />
                        <Typography.Text type="secondary">
                          {t('intake.compare.was', { title: pair.a.title, similarity: Math.round(pair.similarity * 100) })}
                        </Typography.Text>
                      </li>
                    ))}
                  </ul>
                </Column>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('intake.compare.tags')}>
            <Row gutter={[24, 16]}>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.new')} color={green} count={c.tags.new.length}>
                  <Flex gap={6} wrap>{c.tags.new.map((tag) => <Tag key={tag} color="green">#{tag}</Tag>)}</Flex>
                </Column>
              </Col>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.dropped')} color={red} count={c.tags.dropped.length}>
                  <Flex gap={6} wrap>{c.tags.dropped.map((tag) => <Tag key={tag} color="red">#{tag}</Tag>)}</Flex>
                </Column>
              </Col>
              <Col xs={24} md={8}>
                <Column title={t('intake.compare.continued')} color={grey} count={c.tags.continued.length}>
                  <Flex gap={6} wrap>{c.tags.continued.map((x) => <Tag key={x.tag}>#{x.tag} {x.countA}→{x.countB}</Tag>)}</Flex>
                </Column>
              </Col>
            </Row>
          </Card>
        </>
      ) : null}
    </Flex>
  );
}
