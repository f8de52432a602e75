/**
 * One task: breadcrumb, title and state, the actions the reader may take (from `abilities`), its facts and health,
 * milestones, reports (write, review), sub-tasks, the single timeline, 批示 and 催办.
 */
import { EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTaskPeriods, useTaskReports } from '../../api/reports.ts';
import { useTask, useTimeline } from '../../api/tasks.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HealthDot } from '../../components/loop/HealthDot.tsx';
import { StateTag } from '../../components/loop/StateTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.ts';
import { ActionBar } from './ActionBar.tsx';
import { InstructionBox } from './InstructionBox.tsx';
import { Milestones } from './Milestones.tsx';
import { PlanModal } from './PlanModal.tsx';
import { RemindButton } from './RemindButton.tsx';
import { ReportsSection } from './ReportsSection.tsx';
import { SubTasks } from './SubTasks.tsx';
import { TaskOverview } from './TaskOverview.tsx';
import { TaskTimeline } from './TaskTimeline.tsx';
import { TaskFindings } from '../inspections/TaskFindings.tsx';
import { ledgerUrl } from '../ledger/useLedgerParams.ts';
import { TaskIndicators } from '../indicators/TaskIndicators.tsx';

export default function TaskPage() {
  const { id = '' } = useParams();
  const t = useT();
  const detail = useTask(id);
  // Started together with the task, not after it: the sections below read the same cached queries.
  useTimeline(id);
  const reports = useTaskReports(id);
  const periods = useTaskPeriods(id);
  // Asked for since this page opened (not a copy cached from an earlier visit): what a `?report=` link acts on.
  const reportsFresh = reports.isFetchedAfterMount && periods.isFetchedAfterMount && !reports.isFetching && !periods.isFetching;
  const [planning, setPlanning] = useState(false);

  if (detail.isError) {
    return (
      <>
        <PageHeader title={t('loop.task.heading')} />
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        <Link to="/ledger" style={{ display: 'inline-block', marginTop: 12 }}>{t('loop.task.backToLedger')}</Link>
      </>
    );
  }
  if (detail.isPending) {
    return (
      <>
        <PageHeader title={t('loop.task.heading')} />
        <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>
      </>
    );
  }

  const d = detail.data;
  const { task, abilities } = d;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { key: 'ledger', title: <Link to={ledgerUrl({ programmeId: task.programmeId })}>{t('nav.ledger')}</Link> },
          ...d.path.map((p) => ({ key: p.id, title: <Link to={`/tasks/${encodeURIComponent(p.id)}`}>{p.label ?? p.title}</Link> })),
          { key: task.id, title: task.label ?? t('loop.task.this') },
        ]}
      />
      <PageHeader
        title={task.title}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            {task.label ? <Typography.Text type="secondary">{task.label}</Typography.Text> : null}
            <StateTag state={task.state} />
            <HealthDot colour={task.health} summary={task.healthSummary} withLabel />
          </Flex>
        }
        extra={
          <>
            {abilities.remind ? <RemindButton taskId={task.id} /> : null}
            {abilities.plan ? <Button icon={<EditOutlined />} onClick={() => setPlanning(true)}>{t('loop.plan.edit')}</Button> : null}
          </>
        }
      />
      <div style={{ marginBottom: 16 }}>
        <ActionBar detail={d} />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <TaskOverview detail={d} />
            <TaskIndicators taskId={task.id} />
            <Milestones taskId={task.id} milestones={d.milestones} canPlan={abilities.plan} canMark={abilities.markMilestones} />
            <ReportsSection detail={d} fresh={reportsFresh} />
            <SubTasks tasks={d.children} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            {abilities.instruct ? <InstructionBox taskId={task.id} /> : null}
            <TaskFindings taskId={task.id} />
            <TaskTimeline taskId={task.id} />
          </Flex>
        </Col>
      </Row>
      {planning ? <PlanModal key={`${task.id}:${task.version}`} detail={d} onClose={() => setPlanning(false)} /> : null}
    </>
  );
}
