import { describe, expect, it } from 'vitest';
import { issueChallenge, verifyChallenge, CHALLENGE_TTL_MS } from './challenge.ts';

const KEY = 'k'.repeat(43);
const NOW = new Date('2024-05-10T02:00:00.000Z');
const answerOf = (question: string) => String(question.split(' + ').map(Number).reduce((a, b) => a + b, 0));

describe('lead challenge', () => {
  it('accepts the right answer (ASCII or full-width digits) for its own task before it expires', () => {
    const c = issueChallenge(KEY, 'task-1', NOW);
    const r = verifyChallenge(KEY, c.token, answerOf(c.question), 'task-1', NOW);
    expect(r).toMatchObject({ ok: true, id: expect.any(String) });
    const wide = answerOf(c.question).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(verifyChallenge(KEY, c.token, wide, 'task-1', NOW).ok).toBe(true);
  });

  it('refuses a wrong answer, another task, an expired or forged token', () => {
    const c = issueChallenge(KEY, 'task-1', NOW);
    const right = answerOf(c.question);
    expect(verifyChallenge(KEY, c.token, String(Number(right) + 1), 'task-1', NOW)).toEqual({ ok: false, code: 'challenge_wrong' });
    expect(verifyChallenge(KEY, c.token, 'abc', 'task-1', NOW)).toEqual({ ok: false, code: 'challenge_wrong' });
    expect(verifyChallenge(KEY, c.token, right, 'task-2', NOW)).toEqual({ ok: false, code: 'challenge_invalid' });
    expect(verifyChallenge(KEY, c.token, right, 'task-1', new Date(NOW.getTime() + CHALLENGE_TTL_MS + 1))).toEqual({ ok: false, code: 'challenge_expired' });
    expect(verifyChallenge('another key', c.token, right, 'task-1', NOW)).toEqual({ ok: false, code: 'challenge_invalid' });
    const [body] = c.token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), a: 1, b: 1 })).toString('base64url');
    expect(verifyChallenge(KEY, `${forged}.${c.token.split('.')[1]}`, '2', 'task-1', NOW)).toEqual({ ok: false, code: 'challenge_invalid' });
    expect(verifyChallenge(KEY, 'garbage', right, 'task-1', NOW)).toEqual({ ok: false, code: 'challenge_invalid' });
  });
});
