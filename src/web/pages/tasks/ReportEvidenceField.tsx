/** A report's evidence in the form: the files it has (each removable) and a drop zone for more, kept until the save. */
import { DeleteOutlined, InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Flex, List, Popconfirm, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import type { Evidence } from '../../api/reports.ts';
import { useAuth } from '../../app/auth.tsx';
import { useFormatBytes } from '../../components/loop/ReportCard.tsx';
import { useI18n } from '../../i18n/index.ts';

export interface ReportEvidenceFieldProps {
  evidence: readonly Evidence[];
  files: UploadFile[];
  onFiles(files: UploadFile[]): void;
  /** Its promise keeps the confirmation busy until the file is gone. */
  onRemove(e: Evidence): Promise<unknown>;
}

export function ReportEvidenceField({ evidence, files, onFiles, onRemove }: ReportEvidenceFieldProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const formatBytes = useFormatBytes();
  // The server refuses a larger file anyway; checked here so the reader learns it before anything is sent.
  const uploadLimit = useAuth().me?.limits?.uploadBytes ?? null;
  return (
    <Flex vertical gap={8}>
      {evidence.length ? (
        <List
          size="small"
          bordered
          dataSource={evidence}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Popconfirm key="delete" title={t('loop.report.confirmRemoveFile', { name: e.filename })} onConfirm={() => onRemove(e)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('loop.report.removeFile', { name: e.filename })} />
                </Popconfirm>,
              ]}
            >
              <span style={{ overflowWrap: 'anywhere' }}><PaperClipOutlined /> {e.filename}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8, whiteSpace: 'nowrap' }}>{formatBytes(e.byteSize)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
      <Upload.Dragger
        multiple
        fileList={files}
        beforeUpload={(file) => {
          if (uploadLimit !== null && file.size > uploadLimit) {
            void message.error(t('loop.report.fileTooLarge', { name: file.name, size: formatBytes(file.size), limit: formatBytes(uploadLimit) }));
            return Upload.LIST_IGNORE;
          }
          // Kept in the browser until the report is saved.
          return false;
        }}
        onChange={({ fileList }) => onFiles(fileList)}
        aria-label={t('loop.report.evidence')}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('loop.report.dropFiles')}</p>
        <p className="ant-upload-hint">
          {t('loop.report.dropHint')}
          {uploadLimit !== null ? <><br />{t('loop.report.sizeLimit', { limit: formatBytes(uploadLimit) })}</> : null}
        </p>
      </Upload.Dragger>
    </Flex>
  );
}
