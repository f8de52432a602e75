/**
 * 导入文件: upload a file (drag and drop or choose) or paste text. The server reads the encoding and the format
 * itself; its refusals (PDF without text, empty, too large, already imported …) are shown as it says them. Sizes
 * over the server's limits (`limits` of `GET /api/v1/me`) are refused here before anything is sent.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Segmented, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { useImportFile, useImportText, type ImportResult } from '../../api/documents.ts';
import { useAuth } from '../../app/auth.tsx';
import { useFormatBytes } from '../../components/loop/ReportCard.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useErrorText } from '../../i18n/errors.ts';

type Source = 'file' | 'text';

const ACCEPT = '.txt,.text,.docx,.pdf,.html,.htm,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function ImportError({ error, onNavigate }: { error: unknown; onNavigate(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const existing = isApiError(error) && error.code === 'document_exists' && typeof error.details?.documentId === 'string' ? error.details.documentId : null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      description={existing ? (
        <Link to={`/documents/${encodeURIComponent(existing)}`} onClick={onNavigate}>{t('intake.import.openExisting')}</Link>
      ) : undefined}
    />
  );
}

function ImportForm({ onClose, onImported }: { onClose(): void; onImported(id: string): void }) {
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const importFile = useImportFile();
  const importText = useImportText();
  const limits = useAuth().me?.limits ?? null;
  const formatBytes = useFormatBytes();
  // A size refused in the browser, for the source it concerns.
  const [refusal, setRefusal] = useState<{ source: Source; text: string } | null>(null);
  const pending = importFile.isPending || importText.isPending;
  const error = source === 'file' ? importFile.error : importText.error;
  const ready = source === 'file' ? file !== null : text.trim().length > 0;

  const submit = () => {
    const done = (r: ImportResult) => {
      if (r.editionOf) void message.info(t('programme.edition.linked', { title: r.editionOf.title }));
      onImported(r.document.id);
    };
    if (source === 'file' && file) importFile.mutate({ file, title }, { onSuccess: done });
    if (source === 'text' && text.trim()) {
      // Pasted text travels as a JSON body, which the server takes up to `bodyBytes` (UTF-8, with the JSON around it).
      const bytes = new Blob([JSON.stringify({ text, title })]).size;
      if (limits && bytes > limits.bodyBytes) {
        setRefusal({
          source: 'text',
          text: t('intake.import.textTooLarge', { size: formatBytes(bytes), limit: formatBytes(limits.bodyBytes), fileLimit: formatBytes(limits.uploadBytes) }),
        });
        return;
      }
      importText.mutate({ text, title }, { onSuccess: done });
    }
  };

  return (
    <Flex vertical gap={16}>
      <Segmented<Source>
        block
        value={source}
        onChange={setSource}
        options={[
          { value: 'file', label: t('intake.import.fromFile') },
          { value: 'text', label: t('intake.import.fromText') },
        ]}
      />
      <Form name="importDocument" layout="vertical" component="div">
        {source === 'file' ? (
          <Form.Item label={t('intake.import.file')} extra={t('intake.import.formats')}>
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              maxCount={1}
              beforeUpload={(f) => {
                importFile.reset();
                if (limits && f.size > limits.uploadBytes) {
                  setFile(null);
                  setRefusal({ source: 'file', text: t('intake.import.fileTooLarge', { name: f.name, size: formatBytes(f.size), limit: formatBytes(limits.uploadBytes) }) });
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setRefusal(null);
                // Nothing is sent until the reader presses 导入.
                return false;
              }}
              onRemove={() => {
                setFile(null);
                return true;
              }}
              fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
              <p className="ant-upload-text">{t('intake.import.drop')}</p>
              <p className="ant-upload-hint">{t('intake.import.dropHint')}</p>
              {limits ? <p className="ant-upload-hint">{t('intake.import.sizeLimit', { limit: formatBytes(limits.uploadBytes) })}</p> : null}
            </Upload.Dragger>
            {file ? (
              <Typography.Text type="secondary">{t('intake.import.fileSize', { size: formatNumber(Math.ceil(file.size / 1024)) })}</Typography.Text>
            ) : null}
          </Form.Item>
        ) : (
          <Form.Item label={t('intake.import.text')} extra={t('intake.import.textHint')}>
            <Input.TextArea
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (importText.error) importText.reset();
                if (refusal?.source === 'text') setRefusal(null);
              }}
              autoSize={{ minRows: 8, maxRows: 16 }}
              aria-label={t('intake.import.text')}
            />
          </Form.Item>
        )}
        <Form.Item label={t('intake.import.title')} extra={t('intake.import.titleHint')} style={{ marginBottom: 0 }}>
          <Input value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} aria-label={t('intake.import.title')} />
        </Form.Item>
      </Form>
      {refusal?.source === source ? <Alert type="error" showIcon title={refusal.text} /> : null}
      {error ? <ImportError error={error} onNavigate={onClose} /> : null}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={pending} disabled={!ready} onClick={submit}>{t('intake.import.submit')}</Button>
      </Flex>
    </Flex>
  );
}

export function ImportDocumentModal({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(id: string): void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={t('intake.import.open')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <ImportForm onClose={onClose} onImported={onImported} />
    </Modal>
  );
}
