/** The language menu: 简体中文 / 繁體中文 / English, each named in itself. */
import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { LOCALE_AUTONYMS, LOCALES, isLocale, useI18n, type Locale } from '../i18n/index.ts';

export function LocaleSwitch({ onChange, compact = false }: { onChange(locale: Locale): void; compact?: boolean }) {
  const { locale, t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: <span lang={l}>{LOCALE_AUTONYMS[l]}</span> })),
        onClick: ({ key }) => {
          if (isLocale(key)) onChange(key);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined aria-hidden />} title={t('locale.switch')} aria-label={compact ? `${t('locale.switch')}: ${LOCALE_AUTONYMS[locale]}` : undefined}>
        {compact ? null : (
          <>
            {LOCALE_AUTONYMS[locale]} <DownOutlined aria-hidden style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}
