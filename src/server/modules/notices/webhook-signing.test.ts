import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildWebhookPayload, type NoticeLocale } from '../../../core/notices/index.ts';
import { fixtureNotice as notice } from '../../../core/notices/notice-fixtures.ts';
import { buildWebhookRequest, dingtalkSign, dingtalkSignedUrl, feishuSign, genericSignatureHeader, signGeneric, verifyGenericSignature } from './webhook-signing.ts';

const overdue = notice('overdue', '2024-07-04');

describe('signatures', () => {
  it('signs generic webhooks over timestamp and body', () => {
    const body = '{"a":1}';
    const hex = signGeneric(body, 'whsec', 1_717_000_000);
    // Reference computed with Python's hmac module.
    expect(hex).toBe('ab31677ebaedeb3eb8d8c01aaaa9e3d769b83812a0d91aa57b100ea757d768d0');
    expect(genericSignatureHeader(body, 'whsec', 1_717_000_000)).toBe(`t=1717000000,v1=${hex}`);
  });

  it('verifies generic signatures, refusing tampering and replays', () => {
    const body = JSON.stringify({ text: '催办' });
    const header = genericSignatureHeader(body, 'whsec', 1_717_000_000);
    const now = new Date(1_717_000_100_000);
    expect(verifyGenericSignature(header, body, 'whsec', now)).toBe(true);
    expect(verifyGenericSignature(header, body + ' ', 'whsec', now)).toBe(false);
    expect(verifyGenericSignature(header, body, 'other', now)).toBe(false);
    expect(verifyGenericSignature(header, body, 'whsec', new Date(1_717_000_400_000))).toBe(false);
    expect(verifyGenericSignature(`t=1717000000,v1=${'0'.repeat(64)},${header.split(',')[1]}`, body, 'whsec', now)).toBe(true);
    expect(verifyGenericSignature('v1=abc', body, 'whsec', now)).toBe(false);
    expect(verifyGenericSignature('t=1717000000,v1=zz', body, 'whsec', now)).toBe(false);
  });

  it('signs DingTalk the way its documentation does', () => {
    // Reference computed with the documentation's Python sample: hmac.new(secret, f"{ts}\n{secret}", sha256), b64, quote_plus.
    const secret = 'SECxxxxxxxx';
    const ts = 1_717_000_000_000;
    expect(dingtalkSign(secret, ts)).toBe('2DST+yeGl5nuww0EF+xUqHYrkUt8QzmoBnK1ekxJuFk=');
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, ts);
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=2DST%2ByeGl5nuww0EF%2BxUqHYrkUt8QzmoBnK1ekxJuFk%3D`);
    expect(dingtalkSignedUrl('https://example/robot', secret, ts)).toMatch(/^https:\/\/example\/robot\?timestamp=/);
  });

  it('signs Feishu with the string to sign as the key and an empty message', () => {
    // Reference computed with the documentation's Python sample.
    expect(feishuSign('secret', 1_599_360_473)).toBe('q4jswNiMy51J5JuQV566yJat0/lQ/c+22kINzUgKsGU=');
    expect(feishuSign('secret', 1_599_360_473)).not.toBe(createHmac('sha256', 'secret').update('1599360473\nsecret').digest('base64'));
  });
});

describe('buildWebhookRequest', () => {
  const now = new Date('2024-07-04T02:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);

  it('generic: signature over the exact body bytes sent', () => {
    const req = buildWebhookRequest('generic', overdue, { url: 'https://hooks.example/luoshi', secret: 's3cret' }, now);
    expect(req.headers['X-Luoshi-Signature']).toBe(genericSignatureHeader(req.body, 's3cret', ts));
    expect(req.headers['X-Luoshi-Delivery']).toBe('t1|overdue|2024-06-30');
    expect(verifyGenericSignature(req.headers['X-Luoshi-Signature'] ?? '', req.body, 's3cret', now)).toBe(true);
  });

  it('generic without a secret is unsigned', () => {
    const req = buildWebhookRequest('generic', overdue, { url: 'https://hooks.example/luoshi' }, now);
    expect(req.headers['X-Luoshi-Signature']).toBeUndefined();
  });

  it('dingtalk: signature in the URL, in milliseconds', () => {
    const req = buildWebhookRequest('dingtalk', overdue, { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC1' }, now);
    expect(req.url).toBe(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC1', now.getTime()));
    expect(JSON.parse(req.body)).toEqual(buildWebhookPayload('dingtalk', overdue));
  });

  it('feishu: signature in the body, in seconds', () => {
    const req = buildWebhookRequest('feishu', overdue, { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 'fs' }, now);
    expect(JSON.parse(req.body)).toEqual({ ...buildWebhookPayload('feishu', overdue), timestamp: String(ts), sign: feishuSign('fs', ts) });
  });

  it('wecom: the key lives in the URL, nothing to sign', () => {
    const req = buildWebhookRequest('wecom', overdue, { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: 'ignored' }, now);
    expect(req.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    expect(Object.keys(req.headers)).toEqual(['Content-Type']);
  });

  it.each<NoticeLocale>(['zh-Hans', 'zh-Hant', 'en'])('sends UTF-8 JSON in %s', (locale) => {
    const req = buildWebhookRequest('feishu', overdue, { url: 'https://x' }, now, { locale });
    expect(() => JSON.parse(req.body)).not.toThrow();
    expect(req.headers['Content-Type']).toBe('application/json; charset=utf-8');
  });
});
