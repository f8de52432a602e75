/** The ledger's 导出 menu: the 台账 as Excel or CSV, for the current filter or the selected rows. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { ledgerExportUrl } from '../../api/exports.ts';
import type { LedgerFilter } from '../../api/tasks.ts';
import { useI18n } from '../../i18n/index.ts';
import { useDownload } from './useDownload.ts';

export function ExportMenu({ filter, selectedIds }: { filter: LedgerFilter; selectedIds: readonly string[] }) {
  const { t, locale, formatNumber } = useI18n();
  const { busy, download } = useDownload();
  const count = formatNumber(selectedIds.length);
  const items = [
    { key: 'xlsx', label: t('exports.xlsxFilter'), onClick: () => void download(ledgerExportUrl('xlsx', filter, locale), 'ledger.xlsx') },
    ...(selectedIds.length ? [{ key: 'xlsx-sel', label: t('exports.xlsxSelection', { count }), onClick: () => void download(ledgerExportUrl('xlsx', filter, locale, selectedIds), 'ledger.xlsx') }] : []),
    { key: 'csv', label: t('exports.csvFilter'), onClick: () => void download(ledgerExportUrl('csv', filter, locale), 'ledger.csv') },
    ...(selectedIds.length ? [{ key: 'csv-sel', label: t('exports.csvSelection', { count }), onClick: () => void download(ledgerExportUrl('csv', filter, locale, selectedIds), 'ledger.csv') }] : []),
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']} disabled={busy}>
      <Button icon={<DownloadOutlined />} loading={busy}>{t('exports.menu')}</Button>
    </Dropdown>
  );
}
