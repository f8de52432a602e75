/**
 * Webhook signatures (generic HMAC header, DingTalk 加签, Feishu 签名校验) and the complete signed request per channel.
 * Server-side because HMAC needs node:crypto; the payloads themselves are built by the core (buildWebhookPayload).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { buildWebhookPayload, type FeishuPayload, type Notice, type PayloadOptions, type WebhookFormat } from '../../../core/notices/index.ts';

/** HMAC-SHA256 (hex) of `${timestamp}.${body}`; the timestamp is Unix seconds, bound in so a capture cannot be replayed later. */
export function signGeneric(body: string, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `X-Luoshi-Signature` header value: `t=<unix seconds>,v1=<hex>`. */
export function genericSignatureHeader(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${signGeneric(body, secret, timestamp)}`;
}

/** Checks an `X-Luoshi-Signature` header, in constant time, refusing timestamps more than `toleranceSeconds` from `now`. */
export function verifyGenericSignature(header: string, body: string, secret: string, now: Date, toleranceSeconds = 300): boolean {
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    fields.set(k, [...(fields.get(k) ?? []), part.slice(i + 1).trim()]);
  }
  const t = fields.get('t')?.[0];
  if (t === undefined || !/^\d+$/.test(t)) return false;
  const ts = Number(t);
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signGeneric(body, secret, ts), 'hex');
  // Several v1 values are allowed so a receiver can accept signatures made with an old and a new secret during rotation.
  return (fields.get('v1') ?? []).some((v) => {
    if (!/^[0-9a-f]{64}$/i.test(v)) return false;
    return timingSafeEqual(Buffer.from(v, 'hex'), expected);
  });
}

/** DingTalk 加签: HMAC-SHA256 keyed by the secret over `${timestampMs}\n${secret}`, base64 (not yet URL-encoded). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL with DingTalk's `&timestamp=…&sign=…` appended. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`;
}

/** Feishu 签名校验: HMAC-SHA256 keyed by `${timestampSec}\n${secret}` over an empty message, base64. */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** Everything needed to send one notice: where, which headers, and the exact body bytes that were signed. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Builds the complete signed request for a channel. Channels sign differently: generic in a header, DingTalk in
 * the URL, Feishu in the body; WeCom robots carry their key in the URL and have no signature.
 */
export function buildWebhookRequest(
  format: WebhookFormat,
  notice: Notice,
  target: { url: string; secret?: string | null },
  now: Date,
  options: PayloadOptions = {},
): WebhookRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  const secret = target.secret ?? null;
  if (format === 'feishu' && secret) {
    const ts = Math.floor(now.getTime() / 1000);
    const signed: FeishuPayload = { ...buildWebhookPayload('feishu', notice, options), timestamp: String(ts), sign: feishuSign(secret, ts) };
    return { url: target.url, headers, body: JSON.stringify(signed) };
  }
  const body = JSON.stringify(buildWebhookPayload(format, notice, options));
  if (format === 'generic') {
    headers['X-Luoshi-Event'] = 'notice';
    headers['X-Luoshi-Delivery'] = notice.dedupeKey;
    if (secret) headers['X-Luoshi-Signature'] = genericSignatureHeader(body, secret, Math.floor(now.getTime() / 1000));
  }
  if (format === 'dingtalk' && secret) return { url: dingtalkSignedUrl(target.url, secret, now.getTime()), headers, body };
  return { url: target.url, headers, body };
}
