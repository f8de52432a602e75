/** HTML → plain text: markup and scripts dropped, block elements become paragraphs, entities decoded. */

const NAMED: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', times: '×', divide: '÷', permil: '‰', deg: '°',
  ensp: ' ', emsp: '　', thinsp: ' ', copy: '©', reg: '®', yen: '¥', laquo: '«', raquo: '»',
};

const BLOCK = /^(p|div|br|h[1-6]|li|tr|table|section|article|header|footer|blockquote|pre|dd|dt|ul|ol|hr|title|center|td|th)$/i;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/giu, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** Extracts the readable text of an HTML page, one paragraph per line. */
export function htmlToText(html: string): string {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/gu, '')
    .replace(/<(script|style|noscript|template|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, (m, tag: string) => (tag.toLowerCase() === 'head' ? titleOf(m) : ''));
  const parts: string[] = [];
  let last = 0;
  for (const m of cleaned.matchAll(/<\/?([a-z][a-z0-9]*)\b[^>]*>/giu)) {
    parts.push(cleaned.slice(last, m.index));
    parts.push(BLOCK.test(m[1] ?? '') ? '\n' : '');
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(cleaned.slice(last));
  return decodeEntities(parts.join('').replace(/<[^>]*>/gu, ''))
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/gu, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Keeps the page title when the whole <head> is dropped: it is often the document title. */
function titleOf(head: string): string {
  const m = /<title\b[^>]*>([\s\S]*?)<\/title>/iu.exec(head);
  return m?.[1] ? `\n${m[1]}\n` : '';
}

/** The charset an HTML page declares in a <meta> tag, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/iu.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

/** True if decoded text is an HTML page rather than text that mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/^\s*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)/iu.test(head)) return true;
  return (head.match(/<(html|head|body|p|div|br|meta|title|table|span)\b[^>]*>/giu)?.length ?? 0) >= 3;
}
