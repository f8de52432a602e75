/** 统计: its features land in a next release; the route already has its page. */
import { SectionPlaceholder } from '../components/SectionPlaceholder.tsx';
import { useT } from '../i18n/index.ts';

export function StatsPage() {
  const t = useT();
  return <SectionPlaceholder title={t('nav.stats')} description={t('stats.empty')} />;
}
