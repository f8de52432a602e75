/**
 * The source text and the tree side by side on wide screens (each pane scrolls on its own), or one at a time under
 * 原文 / 结构 tabs on a phone. The parent owns the tab, so picking an item can switch to the other pane.
 */
import { Card, Col, Flex, Row, Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';

export type PaneKey = 'source' | 'structure';

export interface TwoPaneProps {
  phone: boolean;
  tab: PaneKey;
  onTabChange(tab: PaneKey): void;
  sourceTitle: ReactNode;
  structureTitle: ReactNode;
  sourceExtra?: ReactNode;
  structureExtra?: ReactNode;
  source: ReactNode;
  structure: ReactNode;
  /** CSS height of both panes on wide screens. */
  height?: string;
}

export function TwoPane({ phone, tab, onTabChange, sourceTitle, structureTitle, sourceExtra, structureExtra, source, structure, height = 'max(420px, calc(100vh - 190px))' }: TwoPaneProps) {
  const t = useT();
  if (phone) {
    return (
      <Flex vertical gap={8}>
        <Segmented<PaneKey>
          block
          value={tab}
          onChange={onTabChange}
          options={[
            { value: 'source', label: t('intake.pane.sourceTab') },
            { value: 'structure', label: t('intake.pane.structureTab') },
          ]}
        />
        <Card size="small" title={tab === 'source' ? sourceTitle : structureTitle} extra={tab === 'source' ? sourceExtra : structureExtra} styles={{ body: { padding: 12 } }}>
          {tab === 'source' ? source : structure}
        </Card>
      </Flex>
    );
  }
  const body = { height, overflow: 'auto', padding: 0 } as const;
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Card size="small" title={sourceTitle} extra={sourceExtra} styles={{ body }}>
          <div style={{ padding: '12px 20px' }}>{source}</div>
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title={structureTitle} extra={structureExtra} styles={{ body }}>
          {structure}
        </Card>
      </Col>
    </Row>
  );
}
