/** A local HTTP server that records every request, answering what the test tells it to (per path). */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SinkAnswer {
  status: number;
  body?: string;
}

export class WebhookSink {
  readonly requests: ReceivedRequest[] = [];
  /** Answer per path; anything unlisted gets 200 `{"ok":true}`. */
  readonly answers = new Map<string, SinkAnswer>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<WebhookSink> {
    let sink: WebhookSink | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        sink?.requests.push({ method: req.method ?? '', url: req.url ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = sink?.answers.get(url.pathname) ?? { status: 200, body: '{"ok":true}' };
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    sink = new WebhookSink(server, typeof address === 'object' && address ? address.port : 0);
    return sink;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
