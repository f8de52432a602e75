/**
 * 反馈 on the task page: the reporting periods with each unit's standing, the reports with their history and
 * evidence, the form to write one, and review buttons for supervisors. `?write=<period>` opens a new report for that
 * period and `?report=<id>` opens (or points at) that report — the inbox links here with them.
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTaskPeriods, useTaskReports, type Report } from '../../api/reports.ts';
import type { TaskDetail } from '../../api/tasks.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ReportCard } from '../../components/loop/ReportCard.tsx';
import { useUnitName } from '../../components/loop/names.ts';
import { ReportStateTag } from '../../components/loop/StateTag.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ReportPublicSwitch } from '../publication/ReportPublicSwitch.tsx';
import { InstructionBox } from './InstructionBox.tsx';
import { ReportForm } from './ReportForm.tsx';

const PERIODS_SHOWN = 4;

type Editing = { report: Report | null; period?: string } | null;

/** `fresh`: the reports and periods were fetched since the page opened, so a link's target is judged on current data. */
export function ReportsSection({ detail, fresh }: { detail: TaskDetail; fresh: boolean }) {
  const { t, formatDate } = useI18n();
  const { user } = useCurrentUser();
  const unitName = useUnitName();
  const [params, setParams] = useSearchParams();
  const { task, abilities, milestones } = detail;
  // TaskPage asked for these when it opened; mounting here does not ask again.
  const reports = useTaskReports(task.id, { refetchOnMount: false });
  const periods = useTaskPeriods(task.id, { refetchOnMount: false });
  const [editing, setEditing] = useState<Editing>(null);
  const [allPeriods, setAllPeriods] = useState(false);
  const [instructOn, setInstructOn] = useState<string | null>(null);

  // Periods the reader's own unit still owes a report for (and may still file).
  const owed = useMemo(
    () => (periods.data?.periods ?? []).filter((p) => !p.locked && p.units.some((u) => u.unitId === user.unitId && u.state === 'missing')),
    [periods.data, user.unitId],
  );
  const sorted = useMemo(
    () => [...(reports.data?.items ?? [])].sort((a, b) => b.periodKey.localeCompare(a.periodKey) || b.updatedAt.localeCompare(a.updatedAt)),
    [reports.data],
  );

  const wanted = params.get('report');
  const write = params.get('write');
  const clearParams = () =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('report');
      next.delete('write');
      return next;
    }, { replace: true });

  // What the link asks for (`?write=` / `?report=`) is acted on once, when its data is here: the form opens for a
  // report the reader may edit; any other report is scrolled into view and outlined.
  const linkKey = write ? `write:${write}` : wanted ? `report:${wanted}` : null;
  // Fresh data only: a cached copy from an earlier visit may predate the return that made the report editable.
  const linkReady = fresh && Boolean(write ? periods.data : reports.data);
  const [handled, setHandled] = useState<string | null>(null);
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  if (linkKey && linkReady && handled !== linkKey) {
    setHandled(linkKey);
    if (write) {
      if (abilities.report && owed.some((p) => p.key === write)) setEditing({ report: null, period: write });
    } else {
      const r = reports.data?.items.find((x) => x.id === wanted);
      if (r?.abilities.edit) setEditing({ report: r });
      else if (r) setScrollTo(r.id);
    }
  }
  useEffect(() => {
    if (scrollTo) document.getElementById(`report-${scrollTo}`)?.scrollIntoView({ block: 'center' });
  }, [scrollTo]);
  const closeForm = () => {
    setEditing(null);
    if (linkKey) clearParams();
  };

  const periodList = periods.data?.periods ?? [];
  const shownPeriods = allPeriods ? periodList : periodList.slice(0, PERIODS_SHOWN);

  return (
    <Card
      size="small"
      title={t('loop.report.heading')}
      id="reports"
      extra={
        abilities.report && owed.length ? (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing({ report: null })}>{t('loop.report.write')}</Button>
        ) : null
      }
    >
      <Flex vertical gap={16}>
        {periods.isError ? <ErrorAlert error={periods.error} onRetry={() => void periods.refetch()} /> : null}
        {periodList.length ? (
          <div>
            <Typography.Text type="secondary">{t('loop.period.heading')}</Typography.Text>
            <List
              size="small"
              dataSource={shownPeriods}
              renderItem={(p) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
                    <Typography.Text strong style={{ minWidth: 80 }}>{p.key}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('loop.period.due', { date: formatDate(p.dueDate) })}</Typography.Text>
                    {p.locked ? <Tag>{t('loop.report.locked')}</Tag> : null}
                    <Flex gap={8} wrap style={{ flex: 1, justifyContent: 'flex-end' }}>
                      {p.units.map((u) => (
                        <Flex key={u.unitId} gap={4} align="center">
                          <span style={{ fontSize: 13 }}>{unitName(u.unitId)}</span>
                          <ReportStateTag state={u.state} />
                          {u.late ? <Tag color="orange">{t('loop.report.late')}</Tag> : null}
                          {u.overdue && u.state === 'missing' ? <Tag color="red">{t('loop.period.overdue')}</Tag> : null}
                        </Flex>
                      ))}
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
            {periodList.length > PERIODS_SHOWN ? (
              <Button type="link" size="small" onClick={() => setAllPeriods((v) => !v)} style={{ paddingInline: 0 }}>
                {allPeriods ? t('loop.period.fewer') : t('loop.period.all', { count: periodList.length })}
              </Button>
            ) : null}
          </div>
        ) : periods.data && !task.cadence ? (
          <Typography.Text type="secondary">{t('loop.period.noCadence')}</Typography.Text>
        ) : null}
        {reports.isError ? (
          <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />
        ) : reports.isPending ? (
          <Skeleton active />
        ) : sorted.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loop.report.empty')} />
        ) : (
          sorted.map((r) => (
            <ReportCard
              key={r.id}
              report={r}
              milestones={milestones}
              highlighted={r.id === wanted}
              onEdit={() => setEditing({ report: r })}
              extra={
                <>
                  {abilities.instruct ? (
                    <Button onClick={() => setInstructOn((id) => (id === r.id ? null : r.id))}>{t('loop.instruction.onReport')}</Button>
                  ) : null}
                  <ReportPublicSwitch programmeId={task.programmeId} leadUnitId={task.leadUnitId} report={r} supervising={detail.supervisorIds.includes(user.id) && abilities.review} />
                </>
              }
            />
          ))
        )}
        {instructOn ? <InstructionBox taskId={task.id} reportId={instructOn} onDone={() => setInstructOn(null)} /> : null}
      </Flex>
      {editing ? (
        <ReportForm
          key={editing.report?.id ?? `new:${editing.period ?? ''}`}
          taskId={task.id}
          report={editing.report}
          periods={owed}
          initialPeriod={editing.period}
          milestones={milestones}
          progress={task.progress}
          canWriteFinal={task.leadUnitId !== null && (editing.report?.unitId ?? user.unitId) === task.leadUnitId}
          onClose={closeForm}
        />
      ) : null}
    </Card>
  );
}
