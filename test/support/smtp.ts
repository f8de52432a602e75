/**
 * A real SMTP server in the test process (the `smtp-server` package) that keeps every message it accepts, with
 * just enough MIME decoding to read the subject and the plain-text body nodemailer writes. It can be stopped and
 * started again on the same port, to play a mail server that goes down and comes back.
 */
import { SMTPServer } from 'smtp-server';
import type { SmtpConfig } from '../../src/server/platform/config.ts';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
  messageId: string | null;
}

function decodeBytes(bytes: number[], charset: string): string {
  return new TextDecoder(/^utf-?8$/i.test(charset) ? 'utf-8' : charset).decode(Uint8Array.from(bytes));
}

function decodeQuotedPrintable(text: string, charset = 'utf-8', underscoreIsSpace = false): string {
  const bytes: number[] = [];
  const src = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (underscoreIsSpace && ch === '_') {
      bytes.push(0x20);
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  return decodeBytes(bytes, charset);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); whitespace between two encoded words is dropped. */
export function decodeHeader(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(word, (_m, charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? decodeBytes([...Buffer.from(text, 'base64')], charset) : decodeQuotedPrintable(text, charset, true),
    );
}

/** Splits a raw message into unfolded headers and a decoded single-part body. */
export function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = /charset="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  const text =
    encoding === 'base64' ? decodeBytes([...Buffer.from(body.replace(/\s+/g, ''), 'base64')], charset)
    : encoding === 'quoted-printable' ? decodeQuotedPrintable(body, charset)
    : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private constructor(public port: number) {}

  /** Starts a sink on `port` (0: any free port). */
  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink(port);
    await sink.listen();
    return sink;
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const { headers, text } = parseMail(raw);
          this.messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            headers,
            subject: decodeHeader(headers.get('subject') ?? ''),
            text,
            messageId: headers.get('message-id') ?? null,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  /** The SMTP settings that point Luoshi at this sink. */
  config(): SmtpConfig {
    return { host: '127.0.0.1', port: this.port, secure: false, from: 'Luoshi <luoshi@example.test>' };
  }

  /** Stops accepting connections (the port is then refused). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Comes back on the same port. */
  async restart(): Promise<void> {
    if (!this.server) await this.listen();
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }
}
