/** Helpers for driving the public lead form as a browser without JavaScript would (multipart POST). */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { TestApp } from './harness.ts';

/** The challenge token and the answer to its question, read from a public task page's form. */
export async function readForm(t: TestApp, taskId: string, remoteAddress = '198.51.100.1'): Promise<{ challenge: string; answer: string }> {
  const page = await t.app.inject({ method: 'GET', url: `/public/tasks/${taskId}`, remoteAddress });
  if (page.statusCode !== 200) throw new Error(`task page: ${page.statusCode}`);
  return formOf(page.body);
}

export function formOf(body: string): { challenge: string; answer: string } {
  const challenge = /name="challenge" value="([^"]+)"/.exec(body)?.[1];
  const question = /(\d+) \+ (\d+)/.exec(body);
  if (!challenge || !question) throw new Error('no lead form on the page');
  return { challenge, answer: String(Number(question[1]) + Number(question[2])) };
}

/** A multipart body with text fields and an optional photo, as the form sends it. */
export function leadBody(fields: Record<string, string>, photo?: { bytes: Uint8Array; filename?: string; type?: string }) {
  const boundary = `----luoshi${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (photo) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${photo.filename ?? 'photo.jpg'}"\r\nContent-Type: ${photo.type ?? 'image/jpeg'}\r\n\r\n`), Buffer.from(photo.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A small JPEG carrying EXIF with a camera marker and a GPS position. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#c03030' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'MarkerCamQ', Copyright: 'Resident' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 2701/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 1717/100' } })
    .toBuffer();
}
