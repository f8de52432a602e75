/** The Atom feed of a published programme's accepted public updates (reports a supervisor made public). */
import type { PublicProgramme } from '../../../contract/publication.ts';
import { inScript, type Reader } from './chrome.ts';
import { html } from './html.ts';

export function atomFeed(reader: Reader, p: PublicProgramme, baseUrl: string): string {
  const tasks = p.areas.flatMap((a) => a.tasks);
  const entries = tasks
    .flatMap((t) => t.updates.map((u) => ({ t, u })))
    .sort((a, b) => (b.u.acceptedAt ?? '').localeCompare(a.u.acceptedAt ?? '') || a.u.id.localeCompare(b.u.id));
  const updated = entries[0]?.u.acceptedAt ?? p.publishedAt ?? p.updatedAt;
  const self = `${baseUrl}/public/programmes/${encodeURIComponent(p.id)}`;
  return `<?xml version="1.0" encoding="utf-8"?>\n${html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${reader.script === 'hant' ? 'zh-Hant' : 'zh-Hans'}">
<id>urn:luoshi:programme:${p.id}</id>
<title>${inScript(reader, p.title)}</title>
<updated>${updated}</updated>
<link rel="alternate" type="text/html" href="${self}"/>
<link rel="self" type="application/atom+xml" href="${self}/feed.atom"/>
<author><name>${inScript(reader, '督查部门')}</name></author>
${entries.map(({ t, u }) => html`<entry>
<id>urn:luoshi:report:${u.id}</id>
<title>${inScript(reader, `${t.label ? `${t.label} ` : ''}${t.title}`)} · ${u.periodKey}</title>
<updated>${u.acceptedAt ?? updated}</updated>
<link rel="alternate" type="text/html" href="${baseUrl}/public/tasks/${encodeURIComponent(t.id)}"/>
<content type="text">${inScript(reader, u.text)}</content>
</entry>`)}
</feed>`.value}\n`;
}
