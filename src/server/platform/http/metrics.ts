/**
 * `/metrics` in the Prometheus text format (prom-client): requests by route, method and status with their latency,
 * the Node.js process (event-loop delay, heap, handles), and whatever gauges the modules register (the notice
 * queue, the scheduler). One registry per app, so several apps in one process (tests) do not collide.
 *
 * Who may read it: the holder of `LUOSHI_METRICS_TOKEN` (as a bearer token), or — when no token is configured — a
 * caller on the loopback interface that did not come through a proxy (a request carrying X-Forwarded-For came from
 * elsewhere, even if the proxy itself connects from 127.0.0.1).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { App } from './types.ts';

export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

export interface Metrics {
  registry: Registry;
  /** A gauge read at scrape time; `collect` may query the database. */
  gauge(name: string, help: string, labelNames: string[], collect: () => Promise<GaugeSample[]> | GaugeSample[]): void;
  /** A histogram the caller feeds, e.g. how long each scheduler job takes. */
  histogram(name: string, help: string, labelNames: string[], buckets?: number[]): Histogram<string>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function allowed(request: FastifyRequest, token: string | null): boolean {
  if (token) {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!m) return false;
    const given = Buffer.from(m[1]!);
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !proxied && LOOPBACK.test(request.socket.remoteAddress ?? '') && LOOPBACK.test(request.ip);
}

/** Installs the request metrics and the `/metrics` route on the app. */
export function installMetrics(app: App, options: { token: string | null }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern, method and status', labelNames: ['method', 'route', 'status_code'], registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by route pattern and method',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // The route's pattern, never the raw URL: ids in paths would make a label per object.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, options.token)) {
      return reply.status(403).send({ error: { code: 'forbidden', message: 'Metrics are served to the configured token or on loopback only' } });
    }
    return reply.header('Content-Type', registry.contentType).header('Cache-Control', 'no-store').send(await registry.metrics());
  });

  return {
    registry,
    gauge(name, help, labelNames, collect) {
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          for (const s of await collect()) {
            if (s.labels) this.set(s.labels, s.value);
            else this.set(s.value);
          }
        },
      });
    },
    histogram(name, help, labelNames, buckets) {
      return new Histogram({ name, help, labelNames, registers: [registry], ...(buckets ? { buckets } : {}) });
    },
  };
}
