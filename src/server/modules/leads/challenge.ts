/**
 * The lead form's challenge: no third-party service and no server state until it is used. The server signs
 * (HMAC-SHA-256, a key kept in the database so every instance shares it) a small question — the sum of two numbers —
 * with the task it belongs to, an expiry and a random id; the visitor answers it in the form, which works without
 * JavaScript. A correct answer is accepted once: the id is stored with the lead (a unique column), so a solved
 * challenge cannot be replayed. The question stops only careless scripts; what bounds a determined one is the
 * rate limit, counted before the challenge is even looked at.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const CHALLENGE_TTL_MS = 2 * 3_600_000;

interface Payload {
  /** Random id: the lead's unique `challenge_id`. */
  id: string;
  task: string;
  exp: number;
  a: number;
  b: number;
}

function sign(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** A fresh signed challenge for a task's form. */
export function issueChallenge(key: string, taskId: string, now: Date): { token: string; question: string } {
  const p: Payload = { id: randomBytes(12).toString('base64url'), task: taskId, exp: now.getTime() + CHALLENGE_TTL_MS, a: randomInt(2, 20), b: randomInt(2, 20) };
  const body = Buffer.from(JSON.stringify(p)).toString('base64url');
  return { token: `${body}.${sign(key, body)}`, question: `${p.a} + ${p.b}` };
}

export type ChallengeResult = { ok: true; id: string } | { ok: false; code: 'challenge_invalid' | 'challenge_expired' | 'challenge_wrong' };

/** Checks a token's signature, task and expiry, then the answer. */
export function verifyChallenge(key: string, token: string, answer: string, taskId: string, now: Date): ChallengeResult {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || body.length > 400) return { ok: false, code: 'challenge_invalid' };
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, code: 'challenge_invalid' };
  let p: Payload;
  try {
    p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, code: 'challenge_invalid' };
  }
  if (p.task !== taskId || typeof p.id !== 'string') return { ok: false, code: 'challenge_invalid' };
  if (!(p.exp > now.getTime())) return { ok: false, code: 'challenge_expired' };
  // Full-width digits are what a Chinese input method may type.
  const normalised = answer.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,4}$/.test(normalised) || Number(normalised) !== p.a + p.b) return { ok: false, code: 'challenge_wrong' };
  return { ok: true, id: p.id };
}
