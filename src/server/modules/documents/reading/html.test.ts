import { describe, expect, it } from 'vitest';
import { htmlToText, looksLikeHtml } from './html.ts';

describe('htmlToText', () => {
  it('keeps paragraphs and drops markup, scripts, styles and comments', () => {
    const html = '<html><head><title>公报</title><style>p{}</style></head><body><script>x="<p>no</p>"</script><p>第一段&nbsp;文字</p><!-- c --><div>第二段 &ldquo;两个确立&rdquo; &#x4E00;&#20108;</div><br>第三段</body></html>';
    expect(htmlToText(html)).toBe('公报\n第一段 文字\n第二段 “两个确立” 一二\n第三段');
  });

  it('tells a page from text that mentions a tag', () => {
    expect(looksLikeHtml('<!DOCTYPE html><html><body></body></html>')).toBe(true);
    expect(looksLikeHtml('用 <p> 标签分段')).toBe(false);
  });
});
