/**
 * The 导入 dialog: the template link, a file, 检查 (a dry run listing every problem by row, column and reason), and
 * 导入, enabled only when the last check of this very file found no problem. Upload progress is shown while sending.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Progress, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { importTemplateUrl, uploadImport, type ImportProblem, type ImportResult } from '../../api/exports.ts';
import { invalidateLoop } from '../../api/tasks.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { useDownload } from './useDownload.ts';

export function ImportButton({ programmeId }: { programmeId: string }) {
  const { t, tDynamic, formatNumber } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const template = useDownload();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'working'>('idle');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setFile(null);
    setResult(null);
    setError(null);
    setPercent(null);
    setPhase('idle');
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setPhase('uploading');
    setPercent(0);
    try {
      const r = await uploadImport(programmeId, file, dryRun, ({ loaded, total }) => {
        const share = total ? Math.round((loaded / total) * 100) : null;
        setPercent(share);
        if (share === 100) setPhase('working');
      });
      setResult(r);
      if (r.applied) {
        void message.success(t('exports.import.applied', { count: formatNumber(r.created) }));
        await invalidateLoop(qc);
        setOpen(false);
        reset();
      }
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setPhase('idle');
    }
  };
  const clean = result !== null && result.dryRun && result.problems.length === 0;
  const columns = [
    ...(result?.problems.some((p) => p.sheet) ? [{ title: t('exports.import.sheet'), dataIndex: 'sheet', key: 'sheet', width: 100 }] : []),
    { title: t('exports.import.row'), dataIndex: 'row', key: 'row', width: 70, render: (n: number) => formatNumber(n) },
    { title: t('exports.import.column'), dataIndex: 'column', key: 'column', width: 110, render: (c: string | null) => c ?? '—' },
    {
      title: t('exports.import.reason'),
      key: 'message',
      // Worded from the code in the reader's language; the server's English sentence is the fall-back.
      render: (_: unknown, p: ImportProblem) => tDynamic(`exports.problem.${p.code}`, p.message, p.params),
    },
  ];

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>{t('exports.import')}</Button>
      <Modal
        open={open}
        width={760}
        title={t('exports.import.title')}
        onCancel={() => {
          setOpen(false);
          reset();
        }}
        destroyOnHidden
        footer={[
          <Button key="check" onClick={() => void send(true)} disabled={!file || phase !== 'idle'} loading={phase !== 'idle' && !clean}>{t('exports.import.check')}</Button>,
          <Button key="apply" type="primary" onClick={() => void send(false)} disabled={!clean || phase !== 'idle'} loading={phase !== 'idle' && clean}>
            {t('exports.import.apply', { count: formatNumber(result?.created ?? 0) })}
          </Button>,
        ]}
      >
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Button icon={<DownloadOutlined />} loading={template.busy} onClick={() => void template.download(importTemplateUrl(programmeId), 'template.xlsx')}>{t('exports.import.template')}</Button>
            <Typography.Text type="secondary">{t('exports.import.templateHint')}</Typography.Text>
          </Flex>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              reset();
              setFile(f);
              return false;
            }}
            onRemove={() => reset()}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button>{t('exports.import.choose')}</Button>
          </Upload>
          {phase === 'uploading' ? <Progress percent={percent ?? 0} status="active" format={(p) => t('exports.import.uploading', { percent: `${p ?? 0}%` })} /> : null}
          {phase === 'working' ? <Progress percent={100} status="active" format={() => t('exports.import.checking')} /> : null}
          {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
          {result && result.problems.length ? (
            <>
              <Alert type="warning" showIcon title={t('exports.import.problems', { count: formatNumber(result.problems.length) })} />
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.sheet ?? ''}:${p.row}:${p.column ?? ''}:${p.code}`}
                columns={columns}
                dataSource={result.problems}
                pagination={result.problems.length > 50 ? { pageSize: 50 } : false}
              />
            </>
          ) : null}
          {clean ? (
            <Alert
              type="success"
              showIcon
              title={t('exports.import.ok', { rows: formatNumber(result.rows), count: formatNumber(result.created) })}
              description={result.createdAreas.length ? t('exports.import.newAreas', { areas: result.createdAreas.join('、') }) : undefined}
            />
          ) : null}
          {result ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('exports.import.columns', { list: result.columns.map((c) => (c.field ? c.header : t('exports.import.ignored', { header: c.header }))).join('、') })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Modal>
    </>
  );
}
