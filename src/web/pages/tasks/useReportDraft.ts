/**
 * Saving a report: create or edit it, upload the chosen files after (evidence belongs to a report, so files chosen
 * before the draft exists wait for it), submit if asked; the report as the server has it now, the files still to send.
 */
import { App } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useCreateReport, useDeleteEvidence, useEditReport, useFetchReport, useSubmitReport, useUploadEvidence, type Evidence, type Report, type ReportFields } from '../../api/reports.ts';
import { isApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../i18n/index.ts';

export function useReportDraft({ taskId, report, onClose }: { taskId: string; report: Report | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const filesPerRequest = useAuth().me?.limits?.filesPerRequest ?? 10;
  const create = useCreateReport();
  const edit = useEditReport();
  const upload = useUploadEvidence();
  const submit = useSubmitReport();
  const deleteEvidence = useDeleteEvidence();
  const fetchReport = useFetchReport();
  const [current, setCurrent] = useState<Report | null>(report);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  /** `fields` is called once the save starts (after the form was validated). */
  const save = async (periodKey: string, fields: () => ReportFields, andSubmit: boolean) => {
    setBusy(andSubmit ? 'submit' : 'save');
    try {
      let saved = current
        ? await edit.mutateAsync({ id: current.id, version: current.version, ...fields() })
        : await create.mutateAsync({ taskId, periodKey, ...fields() });
      setCurrent(saved);
      const chosen = files.map((f) => f.originFileObj).filter((f): f is NonNullable<UploadFile['originFileObj']> => Boolean(f));
      // The server takes a bounded number of files per request, so larger selections go in batches.
      for (let i = 0; i < chosen.length; i += filesPerRequest) {
        saved = (await upload.mutateAsync({ reportId: saved.id, files: chosen.slice(i, i + filesPerRequest) })).report;
        setCurrent(saved);
      }
      if (chosen.length) setFiles([]);
      if (andSubmit) {
        await submit.mutateAsync({ id: saved.id, version: saved.version });
        void message.success(t('loop.report.submitted'));
        onClose();
      } else {
        void message.success(t('loop.report.draftSaved'));
      }
    } catch (err) {
      setError(err);
      // Someone changed the report meanwhile: take its new version; the reader's text stays in the form.
      if (isApiError(err) && err.code === 'version_conflict' && current) setCurrent(await fetchReport(current.id).catch(() => current));
    } finally {
      setBusy(null);
    }
  };

  const removeFile = (e: Evidence) => deleteEvidence.mutateAsync(e.id).then(() => fetchReport(e.reportId)).then(setCurrent, setError);

  return { current, files, setFiles, error, setError, busy, save, removeFile };
}
