/**
 * The public pages as plain template functions: semantic HTML with landmarks and headings, one small inline style
 * sheet (allowed by its hash in the CSP), readable on a phone and printable, and no script needed for anything.
 */
import { createHash } from 'node:crypto';
import type { PublicArea, PublicProgramme, PublicProgrammeSummary, PublicTask } from '../../../contract/publication.ts';
import { formatDate, formatPercent, inScript, tr, word, type Reader } from './chrome.ts';
import { Html, html } from './html.ts';

export const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#d0d0d0;--link:#0645ad;--bg:#fff;--band:#f4f6f8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,"PingFang SC","PingFang TC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;border-bottom:1px solid var(--line);padding-top:.5rem;padding-bottom:.5rem}
header nav ul{list-style:none;display:flex;gap:.75rem;margin:0;padding:0}
h1{font-size:1.6rem;line-height:1.3}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:.25rem 0}
.meta{color:var(--muted);font-size:.9rem}
ul.tasks,ul.cards{list-style:none;padding:0;margin:0}ul.cards h2{margin-top:0;border:0}
ul.tasks>li,ul.cards>li{border:1px solid var(--line);border-radius:6px;padding:.75rem;margin:.75rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.light{display:inline-block;padding:0 .5rem;border-radius:1rem;border:2px solid;font-weight:600}
.light-red{border-color:#b00020;color:#8a0019}.light-yellow{border-color:#8a6d00;color:#5c4800}.light-green{border-color:#1b7a30;color:#125620}.light-blue{border-color:#1f5fbf;color:#174a94}.light-grey,.light-none{border-color:#666;color:#444}
progress{width:10rem;max-width:50%;vertical-align:middle}
.notice{background:var(--band);border-left:4px solid #1b7a30;padding:.5rem .75rem}
.error{background:#fdecee;border-left:4px solid #b00020;padding:.5rem .75rem}
form label{display:block;font-weight:600;margin-top:.75rem}
input[type=text],textarea{width:100%;max-width:40rem;font:inherit;padding:.4rem;border:1px solid #767676;border-radius:4px}
textarea{min-height:6rem}
button{font:inherit;margin-top:1rem;padding:.5rem 1.25rem;background:#174a94;color:#fff;border:0;border-radius:4px}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-top:.5rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}
@media (max-width:40rem){body{font-size:17px}h1{font-size:1.35rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.25rem}}
@media print{header nav,.skip,form,.noprint{display:none}a{color:inherit;text-decoration:none}ul.tasks>li{break-inside:avoid;border-color:#999}body{font-size:11pt}}
`;

/** The CSP source for the inline style sheet: nothing else inline is allowed. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export interface LeadForm {
  token: string;
  question: string;
  maxMb: number;
  values?: { what?: string; place?: string; contact?: string };
  error?: string;
}

function layout(reader: Reader, title: string, here: string, body: Html): string {
  const lang = reader.locale;
  const sep = here.includes('?') ? '&' : '?';
  const alt = (q: string) => `${here}${sep}${q}`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${tr(reader, 'site')}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${tr(reader, 'skip')}</a>
<header>
<p><a href="/public/programmes">${tr(reader, 'site')}</a></p>
<nav aria-label="${tr(reader, 'languageNav')}"><ul>
<li><a href="${alt('script=hans&lang=zh')}" lang="zh-Hans"${reader.lang === 'zh' && reader.script === 'hans' ? html` aria-current="true"` : ''}>${tr(reader, 'scriptHans')}</a></li>
<li><a href="${alt('script=hant&lang=zh')}" lang="zh-Hant"${reader.lang === 'zh' && reader.script === 'hant' ? html` aria-current="true"` : ''}>${tr(reader, 'scriptHant')}</a></li>
<li><a href="${alt('lang=en')}" lang="en"${reader.lang === 'en' ? html` aria-current="true"` : ''}>${tr(reader, 'english')}</a></li>
</ul></nav>
</header>
<main id="main">
${body}
</main>
<footer><p>${tr(reader, 'footer')}</p></footer>
</body>
</html>`.value;
}

function light(reader: Reader, t: Pick<PublicTask, 'health' | 'healthReason'>): Html {
  const full = t.healthReason ? (reader.locale === 'en' ? t.healthReason.en : inScript(reader, t.healthReason['zh-Hans'])) : '';
  // The summary starts with the light's own name (绿灯：…), which the badge already says.
  const name = word(reader, 'health', t.health);
  const reason = full.replace(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[：:]\\s*`), '');
  return html`<span class="light light-${t.health.replace(/[^a-z]/g, '')}">${word(reader, 'health', t.health)}</span>${reason ? html` <span>${reason}</span>` : ''}`;
}

function bar(reader: Reader, progress: number): Html {
  const pct = Math.max(0, Math.min(100, Math.round(progress)));
  return html`<progress max="100" value="${pct}" aria-hidden="true"></progress> <span>${tr(reader, 'progressLabel', { n: formatPercent(reader, pct) })}</span>`;
}

function facts(reader: Reader, t: PublicTask): Html {
  return html`<dl class="facts">
<dt>${tr(reader, 'leadUnit')}</dt><dd>${t.leadUnit ? inScript(reader, t.leadUnit) : tr(reader, 'noUnit')}</dd>
<dt>${tr(reader, 'deadline')}</dt><dd>${t.dueDate ? html`<time datetime="${t.dueDate}">${formatDate(reader, t.dueDate)}</time>` : tr(reader, 'noDeadline')}</dd>
<dt>${tr(reader, 'state')}</dt><dd>${word(reader, 'state', t.state)}</dd>
<dt>${tr(reader, 'health')}</dt><dd>${light(reader, t)}</dd>
<dt>${tr(reader, 'progress')}</dt><dd>${bar(reader, t.progress)}</dd>
</dl>`;
}

const taskTitle = (reader: Reader, t: { label: string | null; title: string }) => inScript(reader, `${t.label ? `${t.label} ` : ''}${t.title}`);

export function programmesPage(reader: Reader, items: readonly PublicProgrammeSummary[]): string {
  const body = html`<h1>${tr(reader, 'programmes')}</h1>
<p>${tr(reader, 'programmesIntro')}</p>
${items.length === 0 ? html`<p>${tr(reader, 'noProgrammes')}</p>` : html`<ul class="cards">${items.map((p) => html`<li>
<h2><a href="/public/programmes/${encodeURIComponent(p.id)}">${inScript(reader, p.title)}</a></h2>
${p.description ? html`<p>${inScript(reader, p.description)}</p>` : ''}
<p class="meta">${tr(reader, 'tasksCount', { n: p.tasks, closed: p.closed })} · ${tr(reader, 'publishedAt', { date: formatDate(reader, p.publishedAt) })}</p>
</li>`)}</ul>`}`;
  return layout(reader, tr(reader, 'programmes'), '/public/programmes', body);
}

function areaSection(reader: Reader, a: PublicArea): Html {
  const heading = a.title ? taskTitle(reader, { label: a.label, title: a.title }) : tr(reader, 'otherTasks');
  return html`<section aria-labelledby="area-${a.id ?? 'other'}">
<h2 id="area-${a.id ?? 'other'}">${heading}</h2>
<ul class="tasks">${a.tasks.map((t) => html`<li>
<h3><a href="/public/tasks/${encodeURIComponent(t.id)}">${taskTitle(reader, t)}</a></h3>
${facts(reader, t)}
</li>`)}</ul>
</section>`;
}

export function programmePage(reader: Reader, p: PublicProgramme): string {
  const here = `/public/programmes/${encodeURIComponent(p.id)}`;
  const body = html`<p class="noprint"><a href="/public/programmes">${tr(reader, 'allProgrammes')}</a></p>
<h1>${inScript(reader, p.title)}</h1>
${p.description ? html`<p>${inScript(reader, p.description)}</p>` : ''}
<p class="meta">${tr(reader, 'publishedAt', { date: formatDate(reader, p.publishedAt) })} · ${tr(reader, 'updatedAt', { date: formatDate(reader, p.updatedAt) })}</p>
<p class="meta noprint"><a href="${here}/feed.atom">${tr(reader, 'feed')}</a> · <a href="/public/api/programmes/${encodeURIComponent(p.id)}.json">${tr(reader, 'json')}</a></p>
${p.areas.map((a) => areaSection(reader, a))}`;
  return layout(reader, inScript(reader, p.title), here, body);
}

export function taskPage(reader: Reader, x: { programme: PublicProgramme; area: PublicArea; task: PublicTask }, form: LeadForm | null): string {
  const { programme, area, task } = x;
  const here = `/public/tasks/${encodeURIComponent(task.id)}`;
  const leads = task.leads;
  const body = html`<nav aria-label="breadcrumb" class="noprint"><p><a href="/public/programmes/${encodeURIComponent(programme.id)}">${inScript(reader, programme.title)}</a>${area.title ? html` › ${taskTitle(reader, { label: area.label, title: area.title })}` : ''}</p></nav>
<h1>${taskTitle(reader, task)}</h1>
${facts(reader, task)}
<section aria-labelledby="updates"><h2 id="updates">${tr(reader, 'updates')}</h2>
${task.updates.length === 0 ? html`<p>${tr(reader, 'noUpdates')}</p>` : html`<ul class="cards">${task.updates.map((u) => html`<li>
<p class="meta">${tr(reader, 'period', { key: u.periodKey })} · ${tr(reader, 'acceptedOn', { date: formatDate(reader, u.acceptedAt) })} · ${tr(reader, 'progressLabel', { n: formatPercent(reader, u.progress) })}</p>
<p>${inScript(reader, u.text)}</p>
${u.evidence.length ? html`<p>${tr(reader, 'evidence')}：</p><ul>${u.evidence.map((e) => html`<li><a href="${e.url}">${e.filename}</a></li>`)}</ul>` : ''}
</li>`)}</ul>`}
</section>
${leads.length ? html`<section aria-labelledby="leads"><h2 id="leads">${tr(reader, 'leadsHeading')}</h2><ul class="cards">${leads.map((l) => html`<li>
<p class="notice">${l.rectification ? tr(reader, 'leadAccepted') : tr(reader, 'leadAcceptedOnly')}</p>
${l.rectification ? html`<p>${tr(reader, 'rectification', { title: inScript(reader, l.rectification.title) })}</p>
${l.rectification.dueDate ? html`<p>${tr(reader, 'rectificationDue', { date: formatDate(reader, l.rectification.dueDate) })}</p>` : ''}
<p>${l.rectification.state === 'closed'
    ? tr(reader, 'rectificationClosed', { date: formatDate(reader, l.rectification.closedAt), progress: formatPercent(reader, l.rectification.progress) })
    : tr(reader, 'rectificationOpen', { state: word(reader, 'state', l.rectification.state), progress: formatPercent(reader, l.rectification.progress) })}</p>` : ''}
</li>`)}</ul></section>` : ''}
${form ? leadForm(reader, task.id, form) : ''}`;
  return layout(reader, taskTitle(reader, task), here, body);
}

function leadForm(reader: Reader, taskId: string, f: LeadForm): Html {
  const v = f.values ?? {};
  return html`<section aria-labelledby="lead-form"><h2 id="lead-form">${tr(reader, 'formHeading')}</h2>
<p>${tr(reader, 'formIntro')}</p>
${f.error ? html`<p class="error" role="alert" id="lead-error">${f.error}</p>` : ''}
<form method="post" action="/public/tasks/${encodeURIComponent(taskId)}/leads" enctype="multipart/form-data">
<input type="hidden" name="challenge" value="${f.token}">
<label for="lead-what">${tr(reader, 'what')}</label>
<textarea id="lead-what" name="what" required maxlength="2000">${v.what ?? ''}</textarea>
<label for="lead-place">${tr(reader, 'where')}</label>
<input type="text" id="lead-place" name="place" required maxlength="300" value="${v.place ?? ''}">
<label for="lead-photo">${tr(reader, 'photo', { mb: f.maxMb })}</label>
<input type="file" id="lead-photo" name="photo" accept="image/jpeg,image/png,image/webp">
<label for="lead-contact">${tr(reader, 'contact')}</label>
<input type="text" id="lead-contact" name="contact" maxlength="200" autocomplete="off" value="${v.contact ?? ''}">
<label for="lead-answer">${tr(reader, 'challenge', { question: f.question })}</label>
<input type="text" id="lead-answer" name="answer" inputmode="numeric" required maxlength="6" autocomplete="off">
<button type="submit">${tr(reader, 'submit')}</button>
</form></section>`;
}

export function thanksPage(reader: Reader, taskId: string): string {
  const body = html`<h1>${tr(reader, 'thanksTitle')}</h1><p role="status">${tr(reader, 'thanksBody')}</p><p><a href="/public/tasks/${encodeURIComponent(taskId)}">${tr(reader, 'backToTask')}</a></p>`;
  return layout(reader, tr(reader, 'thanksTitle'), `/public/tasks/${encodeURIComponent(taskId)}/leads/thanks`, body);
}

export function notFoundPage(reader: Reader): string {
  const body = html`<h1>${tr(reader, 'notFoundTitle')}</h1><p>${tr(reader, 'notFoundBody')}</p><p><a href="/public/programmes">${tr(reader, 'allProgrammes')}</a></p>`;
  return layout(reader, tr(reader, 'notFoundTitle'), '/public/programmes', body);
}
