/**
 * The role part of the home page (`GET /api/v1/home`): a leader's red and yellow tasks with their reasons and what
 * came of their 批示, with one click to instruct; a supervisor's overdue tasks nobody has chased and units yet to sign;
 * a liaison's own unit's health; a viewer's overview without action buttons. Abilities come from the server.
 */
import { Button, Card, Col, Empty, Flex, List, Modal, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ledgerFilterOf, useHome, type HomeResponse, type LedgerQuery, type StatsBucket, type StatsListItem } from '../../api/stats.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { useStateLabel } from '../../components/loop/labels.ts';
import { useI18n } from '../../i18n/index.ts';
import { ledgerUrl } from '../ledger/useLedgerParams.ts';
import { RelayLight } from '../relays/RelayLight.tsx';
import { InstructionBox } from '../tasks/InstructionBox.tsx';
import { taskLink } from './Inbox.tsx';

const urlOf = (q: LedgerQuery) => ledgerUrl(ledgerFilterOf(q));

function Panel({ id, title, extra, children, span = 12 }: { id: string; title: ReactNode; extra?: ReactNode; children: ReactNode; span?: number }) {
  return (
    <Col xs={24} lg={span}>
      <section aria-labelledby={id} style={{ height: '100%' }}>
        <Card size="small" style={{ height: '100%' }} title={<span id={id}>{title}</span>} extra={extra}>{children}</Card>
      </section>
    </Col>
  );
}

/** Counts of a set of tasks, each opening the ledger on what it counts. */
function HealthSummary({ bucket, home, extra }: { bucket: StatsBucket; home: HomeResponse; extra?: LedgerQuery }) {
  const { t, formatNumber } = useI18n();
  const q = (patch: LedgerQuery | null) => (patch ? urlOf({ ...patch, ...extra }) : null);
  const items: Array<{ key: string; title: string; value: number; to: string | null; colour?: string }> = [
    { key: 'total', title: t('oversight.stats.total'), value: bucket.total, to: q(home.drill.all) },
    { key: 'red', title: t('loop.health.red'), value: bucket.health.red, to: q({ ...home.drill.all, health: 'red' }), colour: '#e5484d' },
    { key: 'yellow', title: t('loop.health.yellow'), value: bucket.health.yellow, to: q({ ...home.drill.all, health: 'yellow' }), colour: '#c27c0e' },
    { key: 'overdue', title: t('oversight.stats.overdue'), value: bucket.overdue, to: q(home.drill.overdue) },
    { key: 'closed', title: t('oversight.stats.closed'), value: bucket.closed, to: q({ ...home.drill.all, state: 'closed' }) },
  ];
  return (
    <Flex gap={24} wrap>
      {items.map((i) => (
        <Statistic
          key={i.key}
          title={i.title}
          valueRender={() => (i.to && i.value ? <Link to={i.to} style={{ color: i.colour }}>{formatNumber(i.value)}</Link> : <span>{formatNumber(i.value)}</span>)}
          value={i.value}
        />
      ))}
    </Flex>
  );
}

function TaskLine({ item, onInstruct }: { item: StatsListItem; onInstruct?(item: StatsListItem): void }) {
  const { t, locale, formatDate } = useI18n();
  return (
    <Flex justify="space-between" align="flex-start" gap={8} style={{ width: '100%' }}>
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <HealthDot colour={item.health} />
          <Link to={taskLink(item.id)} style={{ overflowWrap: 'anywhere' }}>{item.title}</Link>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[item.areaTitle, item.leadUnitName, item.dueDate ? t('loop.dueOn', { date: formatDate(item.dueDate) }) : null].filter(Boolean).join(' · ')}
        </Typography.Text>
        {item.reason ? <Typography.Text style={{ fontSize: 13 }} type={item.health === 'red' ? 'danger' : 'warning'}>{item.reason[locale]}</Typography.Text> : null}
      </Flex>
      {onInstruct ? <Button size="small" onClick={() => onInstruct(item)} aria-label={t('oversight.home.instructTitle', { title: item.title })}>{t('oversight.home.instruct')}</Button> : null}
    </Flex>
  );
}

function Tasks({ list, empty, more, onInstruct }: { list: { total: number; items: StatsListItem[] }; empty: string; more: LedgerQuery | null; onInstruct?(item: StatsListItem): void }) {
  const { t } = useI18n();
  if (!list.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <>
      <List size="small" dataSource={list.items} renderItem={(i) => <List.Item style={{ paddingInline: 0 }}><TaskLine item={i} onInstruct={onInstruct} /></List.Item>} />
      {list.total > list.items.length && more ? <Link to={urlOf(more)}>{t('oversight.stats.more', { count: list.total - list.items.length })}</Link> : null}
    </>
  );
}

function Units({ buckets, field, query, empty }: { buckets: StatsBucket[]; field: 'overdue' | 'total'; query: LedgerQuery | null; empty: string }) {
  const { t, formatNumber } = useI18n();
  if (!buckets.length || !query) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  const max = Math.max(...buckets.map((b) => b[field]), 1);
  return (
    <List
      size="small"
      dataSource={buckets}
      renderItem={(b) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex vertical style={{ width: '100%' }} gap={4}>
            <Flex justify="space-between" gap={8}>
              <span>{b.name}</span>
              <Link to={urlOf({ ...query, unitId: b.id })}>{t('oversight.home.count', { count: formatNumber(b[field]) })}</Link>
            </Flex>
            <div aria-hidden style={{ height: 6, borderRadius: 3, background: '#f0f0f0' }}>
              <div style={{ width: `${(b[field] / max) * 100}%`, height: '100%', borderRadius: 3, background: field === 'overdue' ? '#e5484d' : '#3e7bfa' }} />
            </div>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function Instructions({ home, mine }: { home: HomeResponse; mine: boolean }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const stateLabel = useStateLabel();
  const list = home.instructions;
  return (
    <Panel id="home-instructions" title={mine ? t('oversight.home.instructionsMine') : t('oversight.home.instructions')} span={24}>
      {list.items.length ? (
        <List
          size="small"
          dataSource={list.items}
          renderItem={(i) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <HealthDot colour={i.health} />
                  <Link to={taskLink(i.taskId)} style={{ overflowWrap: 'anywhere' }}>{i.taskTitle}</Link>
                  <Tag color={i.answered ? 'green' : 'orange'}>{i.answered ? t('oversight.home.answered') : t('oversight.home.unanswered')}</Tag>
                </Flex>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>“{i.text}”</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatDateTime(i.createdAt), t('oversight.home.stateSince', { then: stateLabel(i.stateThen), now: stateLabel(i.stateNow) }), i.reportsSince ? t('oversight.home.reportsSince', { count: formatNumber(i.reportsSince) }) : null].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('oversight.home.noInstructions')} />}
    </Panel>
  );
}

export function RoleHome() {
  const { t } = useI18n();
  const { user } = useCurrentUser();
  const home = useHome();
  const [instructing, setInstructing] = useState<StatsListItem | null>(null);
  const roles = new Set(user.roles);
  const overseer = roles.has('leader') || roles.has('supervisor') || roles.has('admin') || roles.has('viewer');

  const heading = <Typography.Title level={4} id="home-overview" style={{ marginTop: 0 }}>{t('oversight.home.health')}</Typography.Title>;
  if (home.isError) return <section aria-labelledby="home-overview">{heading}<ErrorAlert error={home.error} onRetry={() => void home.refetch()} /></section>;
  if (home.isPending) return <section aria-labelledby="home-overview">{heading}<Card><Skeleton active /></Card></section>;
  const h = home.data;
  const instruct = h.abilities.instruct ? setInstructing : undefined;

  return (
    <section aria-labelledby="home-overview">
      {heading}
      <Row gutter={[16, 16]}>
        {h.unit ? (
          <Panel id="home-unit" title={`${t('oversight.home.unitHealth')} · ${h.unit.name}`} span={24}>
            <HealthSummary bucket={h.unit.health} home={h} extra={{ unitId: h.unit.id }} />
          </Panel>
        ) : null}
        {overseer ? (
          <>
            <Panel id="home-health" title={t('oversight.stats.noFilters')} span={24} extra={<Link to="/stats">{t('oversight.home.openStats')}</Link>}>
              <HealthSummary bucket={h.health} home={h} />
            </Panel>
            <Panel id="home-attention" title={`${t('oversight.home.attention')} · ${h.attention.red.total + h.attention.yellow.total}`}>
              <Tasks list={{ total: h.attention.red.total + h.attention.yellow.total, items: [...h.attention.red.items, ...h.attention.yellow.items] }} empty={t('oversight.home.noAttention')} more={h.drill.all ? { ...h.drill.all, health: 'red,yellow' } : null} onInstruct={instruct} />
            </Panel>
            <Panel id="home-units-overdue" title={t('oversight.home.unitsOverdue')}>
              <Units buckets={h.unitsMostOverdue} field="overdue" query={h.drill.overdue} empty={t('oversight.home.noOverdue')} />
            </Panel>
            {h.abilities.remind ? (
              <Panel id="home-unreminded" title={`${t('oversight.home.overdueUnreminded')} · ${h.overdueUnreminded.total}`}>
                <Tasks list={h.overdueUnreminded} empty={t('oversight.home.noUnreminded')} more={h.drill.overdue} />
              </Panel>
            ) : null}
            {h.relaysOverdue.length ? (
              <Panel id="home-relays" title={`${t('mech.home.relaysOverdue')} · ${h.relaysOverdue.length}`} extra={<Link to="/relays">{t('nav.relays')}</Link>}>
                <List size="small" dataSource={h.relaysOverdue} renderItem={(c) => (
                  <List.Item>
                    <Flex vertical gap={2}>
                      <Link to={`/relays/${encodeURIComponent(c.id)}`} style={{ overflowWrap: 'anywhere' }}>{c.documentTitle}</Link>
                      <RelayLight health={c.health} />
                    </Flex>
                  </List.Item>
                )} />
              </Panel>
            ) : null}
            {roles.has('supervisor') || roles.has('leader') ? (
              <Panel id="home-unsigned" title={t('oversight.home.unitsNotSigned')}>
                <Units buckets={h.unitsNotSigned} field="total" query={h.drill.notSigned} empty={t('oversight.home.noUnsigned')} />
              </Panel>
            ) : null}
            {roles.has('leader') || h.instructions.total ? <Instructions home={h} mine={roles.has('leader')} /> : null}
          </>
        ) : null}
      </Row>
      <Modal open={instructing !== null} title={instructing ? t('oversight.home.instructTitle', { title: instructing.title }) : ''} footer={null} onCancel={() => setInstructing(null)} destroyOnHidden>
        {instructing ? <InstructionBox taskId={instructing.id} onDone={() => { setInstructing(null); void home.refetch(); }} /> : null}
      </Modal>
    </section>
  );
}
