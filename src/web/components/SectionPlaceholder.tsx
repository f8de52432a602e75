/** A section whose features arrive in a later release: its title and an honest empty state, nothing invented. */
import { Card, Empty } from 'antd';
import { PageHeader } from './PageHeader.tsx';

export function SectionPlaceholder({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />
      </Card>
    </>
  );
}
