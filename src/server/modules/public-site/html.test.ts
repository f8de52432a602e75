import { describe, expect, it } from 'vitest';
import { readerOf } from './chrome.ts';
import { escapeHtml, html } from './html.ts';
import { programmePage } from './pages.ts';

describe('public page templates', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    const nested = html`<p title="${'"><script>'}">${['<b>', html`<i>ok</i>`]}</p>`;
    expect(nested.value).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;<i>ok</i></p>');
  });

  it('renders hostile titles as text and strips the light’s name from its reason', () => {
    const page = programmePage(readerOf('hans', 'zh'), {
      id: 'p1', title: '<img src=x onerror=alert(1)>', description: null, publishedAt: '2024-05-10T02:00:00Z', updatedAt: '2024-05-10T02:00:00Z',
      areas: [{ id: null, label: null, title: null, tasks: [{
        id: 't1', areaId: null, parentId: null, label: null, title: '"><script>alert(1)</script>', leadUnit: '市<b>局', dueDate: '2024-12-31', state: 'in_progress',
        health: 'green', healthReason: { 'zh-Hans': '绿灯：按计划推进', 'zh-Hant': '綠燈：按計劃推進', en: 'Green: on track' }, progress: 40, closedAt: null, updatedAt: '2024-05-10T02:00:00Z', updates: [], leads: [],
      }] }],
    });
    expect(page).not.toMatch(/<script>alert|<img src=x|<b>局/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('<span class="light light-green">绿灯</span> <span>按计划推进</span>');
    expect(page).toContain('2024年12月31日');
    expect(page).toContain('<html lang="zh-Hans">');
  });
});
