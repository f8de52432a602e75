/** 督查: the review queue of the supervisor's programmes and the programmes themselves. */
import { Badge, Flex, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useInbox } from '../../api/inbox.ts';
import { useAuth } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.ts';
import { PublicationTab } from '../publication/PublicationTab.tsx';
import { ProgrammeList } from './ProgrammeList.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';

export default function SupervisionPage() {
  const t = useT();
  const { can } = useAuth();
  const reviewing = can('report.review');
  const inbox = useInbox();
  const [params, setParams] = useSearchParams();
  const publishing = can('programme.manage');
  const wanted = params.get('tab');
  const tab = publishing && wanted === 'public' ? 'public' : reviewing && wanted !== 'programmes' ? 'queue' : 'programmes';
  const count = inbox.data?.toReview.total ?? 0;

  return (
    <>
      <PageHeader title={t('nav.supervision')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'queue' ? {} : { tab: key }, { replace: true })}
        items={[
          ...(reviewing
            ? [{
                key: 'queue',
                label: <Flex gap={6} align="center">{t('loop.queue.heading')}<Badge count={count} overflowCount={999} /></Flex>,
                children: <ReviewQueue />,
              }]
            : []),
          { key: 'programmes', label: t('loop.programme.heading'), children: <ProgrammeList /> },
          ...(publishing ? [{ key: 'public', label: t('public.tab'), children: <PublicationTab /> }] : []),
        ]}
      />
    </>
  );
}
