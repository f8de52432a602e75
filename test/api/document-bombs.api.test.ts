import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp, type ErrorBody } from '../support/harness.ts';
import { signedInUser, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import { bombDocx } from '../support/zip.ts';


/** The highest resident memory seen while `work` runs, above what it was before, in MB. */
async function peakGrowthMb<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const started = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 1048576, ms: Date.now() - started };
  } finally {
    clearInterval(sampler);
  }
}

// A 1.1 MB .docx that unpacks to 1.1 GB took 2.4 GB of memory and stalled the server for 5 s; three at once, 7 GB.
describe('uploaded documents that are decompression bombs are refused before anything unpacks them', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
  });
  afterAll(async () => t.close());

  const upload = (bytes: Buffer, filename = '工作报告.docx') => {
    const body = multipart({ filename, content: bytes });
    return t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...supervisor.headers, ...body.headers }, payload: body.payload });
  };

  it('refuses a 1.1 MB .docx that unpacks to 1.1 GB with 422, at once and without the memory', async () => {
    const bomb = bombDocx(1100);
    expect(bomb.length).toBeLessThan(1.2 * 1048576);
    const { result: res, growthMb, ms } = await peakGrowthMb(() => upload(bomb));
    expect(res.statusCode).toBe(422);
    expect(json<ErrorBody>(res).error).toMatchObject({ code: 'archive_too_large', message: expect.stringMatching(/unpack/) });
    expect(ms).toBeLessThan(3000);
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses a bomb that lies about its size after unpacking no more than it declared', async () => {
    const liar = bombDocx(1100, 1);
    const { result: res, growthMb, ms } = await peakGrowthMb(() => upload(liar));
    expect(res.statusCode).toBe(422);
    expect(json<ErrorBody>(res).error).toMatchObject({ code: 'archive_too_large', message: expect.stringMatching(/more than the 1048576 bytes it declares/) });
    expect(ms).toBeLessThan(3000);
    expect(growthMb).toBeLessThan(150);
  });

  it('refuses three bombs sent at once, together within the same bounds', async () => {
    const bombs = [bombDocx(1100), bombDocx(1100, 2), bombDocx(600, 3)];
    const { result, growthMb, ms } = await peakGrowthMb(() => Promise.all(bombs.map((b, i) => upload(b, `bomb-${i}.docx`))));
    expect(result.map((r) => r.statusCode)).toEqual([422, 422, 422]);
    expect(result.map((r) => json<ErrorBody>(r).error.code)).toEqual(['archive_too_large', 'archive_too_large', 'archive_too_large']);
    expect(ms).toBeLessThan(5000);
    expect(growthMb).toBeLessThan(200);
    // The server still answers at once afterwards.
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
