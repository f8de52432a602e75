/**
 * One 传达学习 campaign: the coverage per expected unit (who recorded, when, on time; who has not), 催办 to the
 * missing units in one click, the caller's unit's record form, and each record opened in a drawer.
 */
import { BellOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Drawer, Flex, Input, List, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { useRelayCampaign, useRemindRelay, useUpdateRelayCampaign, type RelayCampaignDetail } from '../../api/mechanism.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePhone } from '../../components/usePhone.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { RelayLight } from './RelayLight.tsx';
import { RelayRecordForm, RelayRecordView } from './RelayRecordPanel.tsx';

type Row = RelayCampaignDetail['coverage'][number];
const STATUS_COLOUR: Record<Row['status'], string> = { missing: 'red', submitted: 'green', returned: 'orange' };

function DeadlineButton({ campaign }: { campaign: RelayCampaignDetail }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const update = useUpdateRelayCampaign();
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      <Button onClick={() => setValue(campaign.deadline)}>{t('mech.relay.changeDeadline')}</Button>
      {value !== null ? (
        <Modal open title={t('mech.relay.changeDeadline')} confirmLoading={update.isPending} onCancel={() => setValue(null)}
          onOk={() => update.mutate({ id: campaign.id, version: campaign.version, deadline: value }, { onSuccess: () => setValue(null), onError: (e) => void message.error(errorText(e)) })}>
          <Input type="date" aria-label={t('mech.relay.deadline')} value={value} onChange={(e) => setValue(e.target.value)} />
        </Modal>
      ) : null}
    </>
  );
}

export default function RelayCampaignPage() {
  const { id = '' } = useParams();
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const campaign = useRelayCampaign(id);
  const remind = useRemindRelay();
  const phone = usePhone();
  const [open, setOpen] = useState<string | 'new' | null>(null);

  if (campaign.isError) return <><PageHeader title={t('nav.relays')} /><ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} /></>;
  if (campaign.isPending) return <><PageHeader title={t('nav.relays')} /><Card><Skeleton active /></Card></>;
  const c = campaign.data;

  const sendReminder = (unitIds?: string[]) =>
    remind.mutate({ id: c.id, ...(unitIds ? { unitIds } : {}) }, {
      onSuccess: (r) => void message.success(t('mech.relay.reminded', { count: r.reminded.length })),
      onError: (e) => void message.error(isApiError(e) && e.code === 'reminder_too_soon' ? t('mech.relay.remindTooSoon') : errorText(e)),
    });

  const columns = [
    { key: 'unit', title: t('mech.relay.unit'), render: (r: Row) => r.unitName },
    { key: 'status', title: t('mech.relay.status'), render: (r: Row) => <Tag color={STATUS_COLOUR[r.status]}>{t(`mech.relay.status.${r.status}`)}</Tag> },
    { key: 'health', title: t('mech.relay.health'), render: (r: Row) => <RelayLight health={r.health} /> },
    { key: 'meeting', title: t('mech.relay.meeting'), render: (r: Row) => (r.meetingType ? `${t(`mech.meeting.${r.meetingType}`)} · ${formatDate(r.meetingDate)}` : '—') },
    {
      key: 'at',
      title: t('mech.relay.submittedAt'),
      render: (r: Row) => (r.submittedAt ? <Flex gap={6} wrap>{formatDateTime(r.submittedAt)}{r.onTime === false ? <Tag color="orange">{t('mech.relay.late')}</Tag> : null}</Flex> : '—'),
    },
    ...(c.abilities.manage ? [{ key: 'reminded', title: t('mech.relay.lastReminded'), render: (r: Row) => (r.lastRemindedAt ? formatDateTime(r.lastRemindedAt) : '—') }] : []),
    {
      key: 'actions',
      title: '',
      render: (r: Row) => rowActions(r),
    },
  ];
  // One row's buttons, in the table's last column or under the row on a phone.
  function rowActions(r: Row) {
    return (
      <Flex gap={8}>
        {r.recordId ? <Button size="small" onClick={() => setOpen(r.recordId)}>{t('mech.relay.view')}</Button> : null}
        {c.abilities.remind && r.status !== 'submitted' ? <Button size="small" icon={<BellOutlined />} loading={remind.isPending} onClick={() => sendReminder([r.unitId])}>{t('mech.relay.remindOne')}</Button> : null}
      </Flex>
    );
  }

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ key: 'relays', title: <Link to="/relays">{t('nav.relays')}</Link> }, { key: c.id, title: c.documentTitle }]} />
      <PageHeader
        title={c.documentTitle}
        subtitle={
          <Flex gap={8} wrap component="span">
            <span>{c.programmeTitle}</span>
            <span>{t('mech.relay.deadline')}: {formatDate(c.deadline)}</span>
            {c.overdue ? <Tag color="red">{t('mech.relay.overdue')}</Tag> : null}
            <Tag color={c.missing === 0 ? 'green' : 'blue'}>{t('mech.relay.progress', { recorded: formatNumber(c.recorded), expected: formatNumber(c.expected) })}</Tag>
            <RelayLight health={c.health} />
          </Flex>
        }
        extra={
          <>
            {c.abilities.record && !c.ownRecordId ? <Button type="primary" onClick={() => setOpen('new')}>{t('mech.relay.record')}</Button> : null}
            {c.abilities.record && c.ownRecordId ? <Button onClick={() => setOpen(c.ownRecordId)}>{t('mech.record.title')}</Button> : null}
            {c.abilities.remind ? <Button icon={<BellOutlined />} loading={remind.isPending} onClick={() => sendReminder()}>{t('mech.relay.remindMissing')}</Button> : null}
            {c.abilities.manage ? <DeadlineButton campaign={c} /> : null}
          </>
        }
      />
      <Card title={t('mech.relay.coverage')} size="small">
        {phone ? (
          // On a phone the seven columns would squeeze the words to a character per line: one block per unit instead.
          <List<Row> size="small" dataSource={c.coverage} renderItem={(r) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center"><Typography.Text strong>{r.unitName}</Typography.Text><Tag color={STATUS_COLOUR[r.status]}>{t(`mech.relay.status.${r.status}`)}</Tag></Flex>
                <RelayLight health={r.health} />
                {r.meetingType ? <Typography.Text type="secondary">{t(`mech.meeting.${r.meetingType}`)} · {formatDate(r.meetingDate)}</Typography.Text> : null}
                {r.submittedAt ? <Typography.Text type="secondary">{t('mech.relay.submittedAt')}：{formatDateTime(r.submittedAt)}</Typography.Text> : null}
                {c.abilities.manage && r.lastRemindedAt ? <Typography.Text type="secondary">{t('mech.relay.lastReminded')}：{formatDateTime(r.lastRemindedAt)}</Typography.Text> : null}
                {rowActions(r)}
              </Flex>
            </List.Item>
          )} />
        ) : (
          <Table<Row> rowKey="unitId" size="small" dataSource={c.coverage} columns={columns} pagination={false} scroll={{ x: true }} />
        )}
      </Card>
      <Drawer open={open !== null} width={560} title={t('mech.record.title')} onClose={() => setOpen(null)} destroyOnHidden>
        {open === 'new' ? <RelayRecordForm campaignId={c.id} onDone={(r) => setOpen(r.id)} /> : open ? <RelayRecordView id={open} campaignId={c.id} /> : null}
      </Drawer>
    </>
  );
}
