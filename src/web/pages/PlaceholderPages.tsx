/** 任务台账 / 督查 / 统计: their features land in the next releases; each route already has its page. */
import { SectionPlaceholder } from '../components/SectionPlaceholder.tsx';
import { useT } from '../i18n/index.ts';

export function LedgerPage() {
  const t = useT();
  return <SectionPlaceholder title={t('nav.ledger')} description={t('ledger.empty')} />;
}

export function SupervisionPage() {
  const t = useT();
  return <SectionPlaceholder title={t('nav.supervision')} description={t('supervision.empty')} />;
}

export function StatsPage() {
  const t = useT();
  return <SectionPlaceholder title={t('nav.stats')} description={t('stats.empty')} />;
}
