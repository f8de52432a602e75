/** The header's search box: submits to the results page (/search?q=…), which does the searching. */
import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/index.ts';

export function SearchBox({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onResults = location.pathname === '/search';
  const external = onResults ? params.get('q') ?? '' : '';
  const [value, setValue] = useState(external);
  // Follow the results page's query (back/forward), and clear the box when leaving it: adjusted while rendering.
  // Only the query the box was showing is replaced: a navigation commits late (a lazily loaded page holds it back),
  // and whatever was typed in the meantime is the user's next search, not something to wipe.
  const [followed, setFollowed] = useState(external);
  if (external !== followed) {
    setFollowed(external);
    if (value === followed) setValue(external);
  }

  return (
    <search style={{ display: 'flex', alignItems: 'center' }}>
      <Input.Search
        allowClear
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        enterButton={<SearchOutlined aria-hidden />}
        maxLength={100}
        style={{ width: compact ? 132 : 280 }}
        onSearch={(q) => {
          const trimmed = q.trim();
          if (trimmed) navigate(`/search?q=${encodeURIComponent(trimmed)}`);
        }}
      />
    </search>
  );
}
