/** Search results: documents (by paragraph), tasks, reports, inspection findings and relay records the reader may see, snippets in the reader's script. */
import { Alert, Empty, Flex, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useSearch, type SearchItem } from '../../api/search.ts';
import { useI18n } from '../../i18n/index.ts';

const PAGE = 20;
const TYPES = ['all', 'document', 'task', 'report', 'finding', 'relay'] as const;
type TypeFilter = (typeof TYPES)[number];

function linkOf(item: SearchItem): string {
  switch (item.type) {
    case 'document':
      return `/documents/${item.id}`;
    // A finding is read on its inspection's page, a relay record on its campaign's page.
    case 'finding':
      return `/inspections/${item.parentId ?? ''}`;
    case 'relay':
      return `/relays/${item.parentId ?? ''}`;
    default:
      return `/tasks/${item.taskId ?? item.id}`;
  }
}

/** The snippet with its matches marked. */
function Highlighted({ text, highlights }: { text: string; highlights: Array<[number, number]> }) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlights.forEach(([s, e], i) => {
    if (s > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, s)}</Fragment>);
    parts.push(<mark key={`m${i}`}>{text.slice(s, e)}</mark>);
    at = e;
  });
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}

export default function SearchPage() {
  const { t, locale, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type: TypeFilter = (TYPES as readonly string[]).includes(typeParam ?? '') ? (typeParam as TypeFilter) : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const script = locale === 'zh-Hant' ? 'hant' : locale === 'zh-Hans' ? 'hans' : undefined;
  const result = useSearch({ q, limit: PAGE, offset: (page - 1) * PAGE, ...(type !== 'all' ? { type } : {}), ...(script ? { script } : {}) });

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('search.title')}</Typography.Title>
      <Segmented
        value={type}
        onChange={(v) => update({ type: v === 'all' ? null : String(v), page: null })}
        options={TYPES.map((v) => ({ value: v, label: t(`search.type.${v}`) }))}
      />
      {!q.trim() ? (
        <Typography.Text type="secondary">{t('search.prompt')}</Typography.Text>
      ) : result.isError ? (
        <Alert type="error" showIcon message={(result.error as Error).message} />
      ) : (
        <>
          {result.data ? <Typography.Text type="secondary">{t(result.data.totalCapped ? 'search.resultsMore' : 'search.results', { total: result.data.total })}</Typography.Text> : null}
          <List
            loading={result.isFetching}
            dataSource={result.data?.items ?? []}
            locale={{ emptyText: result.isFetching ? ' ' : <Empty description={t('search.none', { q })} /> }}
            renderItem={(item) => (
              <List.Item key={`${item.type}:${item.id}:${item.part}`}>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag>{t(`search.type.${item.type}`)}</Tag>
                    <Link to={linkOf(item)}>{item.title}</Link>
                    {item.type === 'document' ? <Typography.Text type="secondary">{t('search.paragraph', { n: item.part + 1 })}</Typography.Text> : null}
                  </Space>
                  <Typography.Paragraph style={{ margin: 0 }}>
                    <Highlighted text={item.snippet} highlights={item.highlights} />
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('search.updated', { date: formatDate(item.updatedAt) })}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
          {result.data && result.data.total > PAGE ? (
            <Pagination
              current={page}
              pageSize={PAGE}
              total={Math.min(result.data.total, 10_000)}
              showSizeChanger={false}
              onChange={(p) => update({ page: p === 1 ? null : String(p) })}
            />
          ) : null}
        </>
      )}
    </Space>
  );
}
