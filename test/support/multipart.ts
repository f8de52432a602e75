/** Builds a multipart/form-data body by hand for `inject()` (one file plus optional text fields). */
import { randomBytes } from 'node:crypto';

export function multipart(
  file: { field?: string; filename: string; content: Uint8Array | string; type?: string },
  fields: Record<string, string> = {},
  order: 'fields-first' | 'file-first' = 'fields-first',
) {
  const boundary = `----luoshi${randomBytes(8).toString('hex')}`;
  const fieldParts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const parts: Buffer[] = order === 'fields-first' ? [...fieldParts] : [];
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.from(file.content),
    Buffer.from('\r\n'),
  );
  if (order === 'file-first') parts.push(...fieldParts);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
