/** The stored snapshots of one audit event: before, after, context and the row hash. */
import { Col, Row, Typography } from 'antd';
import type { AuditEvent } from '../../../api/audit.ts';
import { useT } from '../../../i18n/index.ts';

function Snapshot({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <Col xs={24} lg={8}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre style={{ fontSize: 12, maxHeight: 320, overflow: 'auto', background: 'rgba(0,0,0,0.03)', padding: 8, margin: '4px 0 0' }}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </Col>
  );
}

export function AuditEventDetail({ event }: { event: AuditEvent }) {
  const t = useT();
  return (
    <>
      <Row gutter={[12, 12]}>
        <Snapshot label={t('audit.before')} value={event.before} />
        <Snapshot label={t('audit.after')} value={event.after} />
        <Snapshot label={t('audit.context')} value={event.context} />
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.objectId')}: <Typography.Text code>{event.objectId}</Typography.Text> · {t('audit.hash')}: <Typography.Text code>{event.hash}</Typography.Text>
      </Typography.Text>
    </>
  );
}
