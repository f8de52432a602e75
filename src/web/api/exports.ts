/**
 * Exports and imports: the 台账 (XLSX/CSV) and 通报 (DOCX) downloads with progress, the import template, and the task
 * import upload with upload progress (XMLHttpRequest, since fetch reports none).
 */
import type { ImportResult } from '../../contract/exports.ts';
import type { Locale } from '../i18n/index.ts';
import { ApiError, currentCsrfToken, urlOf } from './client.ts';
import { ledgerQuery, type LedgerFilter } from './tasks.ts';

export type { ImportProblem, ImportResult } from '../../contract/exports.ts';

export interface TransferProgress {
  /** Bytes moved so far. */
  loaded: number;
  /** Bytes in all, when the server or browser knows it. */
  total: number | null;
}

/** The ledger export's URL: the ledger's filter, or only the given rows. */
export function ledgerExportUrl(format: 'xlsx' | 'csv', filter: LedgerFilter, lang: Locale, ids?: readonly string[]): string {
  const query = { ...ledgerQuery(filter), ids: ids?.join(','), lang };
  return format === 'xlsx' ? urlOf('GET /api/v1/ledger.xlsx', { query }) : urlOf('GET /api/v1/ledger.csv', { query });
}

export function briefingUrl(programmeId: string, from: string, to: string, lang: Locale): string {
  return urlOf('GET /api/v1/programmes/:id/briefing.docx', { params: { id: programmeId }, query: { from, to, lang } });
}

export const importTemplateUrl = (programmeId: string) => urlOf('GET /api/v1/programmes/:id/import/template.xlsx', { params: { id: programmeId } });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } } | null)?.error;
  return e?.code ? new ApiError(status, e.code, e.message ?? `HTTP ${status}`, e.field, e.details, body) : new ApiError(status, 'http_error', `HTTP ${status}`);
}

/** The file name the server chose (RFC 5987 `filename*` first), or the fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Downloads a file, reporting bytes as they arrive, then hands it to the browser under the server's file name. */
export async function downloadFile(url: string, fallbackName: string, onProgress: (p: TransferProgress) => void, signal?: AbortSignal): Promise<string> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok) {
    throw errorOf(res.status, parseJson(await res.text()));
  }
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress({ loaded, total });
    }
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

/** Uploads an import file; resolves with the result (problems included, status 422) or rejects with an ApiError. */
export function uploadImport(programmeId: string, file: File, dryRun: boolean, onProgress: (p: TransferProgress) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/programmes/${encodeURIComponent(programmeId)}/import${dryRun ? '?dryRun=true' : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if ((xhr.status >= 200 && xhr.status < 300) || (xhr.status === 422 && body && typeof body === 'object' && 'problems' in body)) resolve(body as ImportResult);
      else reject(errorOf(xhr.status, body));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
