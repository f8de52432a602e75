/** The organisation tree on the left, the selected unit's details on the right. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUnits } from '../../../api/units.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { unitForest, type UnitNode } from '../../../components/units.ts';
import { usePhone } from '../../../components/usePhone.ts';
import { useT } from '../../../i18n/index.ts';
import { CreateUnitModal } from './CreateUnitModal.tsx';
import { UnitDetail } from './UnitDetail.tsx';

export function UnitsTab() {
  const t = useT();
  const units = useUnits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creatingUnder, setCreatingUnder] = useState<string | null | undefined>(undefined);
  const all = useMemo(() => units.data?.items ?? [], [units.data]);
  const selected = all.find((u) => u.id === selectedId) ?? null;
  const phone = usePhone();
  const detailRef = useRef<HTMLDivElement>(null);

  // On a phone the details sit below the tree: bring them into view when a unit is chosen.
  useEffect(() => {
    if (phone && selectedId) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [phone, selectedId]);

  const treeData = useMemo(() => {
    const toNode = (n: UnitNode): TreeDataNode => ({
      key: n.unit.id,
      title: n.unit.active ? n.unit.name : (
        <span>
          <Typography.Text type="secondary">{n.unit.name}</Typography.Text> <Tag>{t('units.inactive')}</Tag>
        </span>
      ),
      children: n.children.map(toNode),
    });
    return unitForest(all).map(toNode);
  }, [all, t]);

  if (units.isError) return <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10} xl={9}>
        <Card
          title={t('admin.units')}
          loading={units.isPending}
          extra={<Button icon={<PlusOutlined />} onClick={() => setCreatingUnder(selectedId)}>{t('units.create')}</Button>}
        >
          {treeData.length ? (
            <Tree
              treeData={treeData}
              showLine
              blockNode
              defaultExpandAll
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId(keys[0] === undefined ? null : String(keys[0]))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14} xl={15} ref={detailRef}>
        {selected ? (
          // Keyed by version: after any change (ours or, on a conflict, someone else's) the form starts from the new row.
          <UnitDetail
            key={`${selected.id}:${selected.version}`}
            unit={selected}
            units={all}
            onCreateChild={() => setCreatingUnder(selected.id)}
            onDeleted={() => setSelectedId(null)}
          />
        ) : (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.selectHint')} />
          </Card>
        )}
      </Col>
      <CreateUnitModal
        open={creatingUnder !== undefined}
        parentId={creatingUnder ?? null}
        units={all}
        onClose={() => setCreatingUnder(undefined)}
        onCreated={(unit) => {
          setCreatingUnder(undefined);
          setSelectedId(unit.id);
        }}
      />
    </Row>
  );
}
