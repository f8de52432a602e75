/** The 公开 switch on an accepted report of the lead unit, for the programme's supervisors. */
import { App, Checkbox, Flex, Switch, Tooltip, Typography } from 'antd';
import type { Report } from '../../api/reports.ts';
import { usePublication, useSetEvidencePublic, useSetReportPublic } from '../../api/publication.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';

export function ReportPublicSwitch({ programmeId, leadUnitId, report, supervising }: { programmeId: string; leadUnitId: string | null; report: Report; supervising: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const eligible = supervising && report.state === 'accepted' && report.unitId === leadUnitId;
  const publication = usePublication(programmeId, { enabled: eligible });
  const mark = useSetReportPublic(programmeId);
  const markEvidence = useSetEvidencePublic(programmeId);
  if (!eligible || !publication.data?.abilities.markPublic) return null;
  const on = publication.data.publicReportIds.includes(report.id);
  const publicEvidence = new Set(publication.data.publicEvidenceIds);
  const toggle = (
    <Tooltip title={t('public.report.publicHint')}>
      <Switch
        checked={on}
        loading={mark.isPending}
        checkedChildren={t('public.report.public')}
        unCheckedChildren={t('public.report.public')}
        aria-label={t('public.report.publicHint')}
        onChange={(value) =>
          mark.mutate({ reportId: report.id, public: value }, {
            onSuccess: () => void message.success(t(value ? 'public.report.madePublic' : 'public.report.madePrivate')),
            onError: (e) => void message.error(errorText(e)),
          })
        }
      />
    </Tooltip>
  );
  if (!on || report.evidence.length === 0) return toggle;
  // Evidence is public one file at a time, and only while its report is.
  return (
    <Flex vertical gap={4}>
      {toggle}
      <Typography.Text type="secondary">{t('public.report.evidence')}</Typography.Text>
      {report.evidence.map((e) => (
        <Checkbox
          key={e.id}
          checked={publicEvidence.has(e.id)}
          disabled={markEvidence.isPending}
          onChange={(ev) => markEvidence.mutate({ evidenceId: e.id, public: ev.target.checked }, { onError: (err) => void message.error(errorText(err)) })}
        >
          {e.filename}
        </Checkbox>
      ))}
    </Flex>
  );
}
