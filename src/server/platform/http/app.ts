/**
 * The HTTP platform: Fastify with its plugins, authentication, security headers, OpenAPI, metrics, the routes it is
 * given and the UI's static files. It knows no module: the composition root (src/server/app.ts) passes the routes and
 * the authenticator in.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { AppContext } from '../context.ts';
import { VERSION } from '../../version.ts';
import { authHook, isApiRequest, type Authenticator } from './auth-hook.ts';
import { handleError } from './errors-handler.ts';
import { MAX_FILES_PER_REQUEST } from './limits.ts';
import { installMetrics } from './metrics.ts';
import type { App, RouteEntry } from './types.ts';
import { serializerCompiler, validatorCompiler } from './validation.ts';
import { PACKAGE_ROOT } from '../paths.ts';

export interface BuildAppOptions {
  /** Pino logger options (a stream for tests that read the log), or false for silence. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Directory with the built UI (index.html + assets); defaults to dist/web. */
  webRoot?: string;
}

/** Registers one module's routes. */
export type RouteRegistration = (app: App, ctx: AppContext) => Promise<void> | void;

export interface HttpAppParts {
  authenticator: Authenticator;
  /** Every module's routes, in the order they are registered (the order the OpenAPI document lists them). */
  routes: readonly RouteRegistration[];
}

const DEFAULT_WEB_ROOT = resolve(PACKAGE_ROOT, 'dist/web');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design injects its generated styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The caller's request id when it is a sane token, otherwise a new one. */
function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Trust the nearest `hops` proxies' X-Forwarded-For entries (Fastify's hop count, as a function for its types). */
const hopsOf = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function createHttpApp(ctx: AppContext, parts: HttpAppParts, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: typeof ctx.config.trustProxy === 'number' ? hopsOf(ctx.config.trustProxy) : ctx.config.trustProxy,
    // Every log line of a request carries its id (`reqId`); a proxy's X-Request-Id is kept so logs join up.
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler());
  app.setSerializerCompiler(serializerCompiler());

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, public: route.config?.public === true, permission: route.config?.permission ?? null, schema: route.schema });
    }
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.uploadLimitBytes, files: MAX_FILES_PER_REQUEST, fields: 50, fieldSize: 1024 * 1024 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Luoshi API', version: VERSION, description: 'Closed-loop delivery of policy commitments (落实).' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: parts.authenticator.sessionCookie },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', authHook(ctx, parts.authenticator));
  // Browsers honour HSTS only over https; sent whenever the public address is https, whatever proxy terminates TLS.
  const hsts = ctx.config.publicUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : null;
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    // The API docs get the UI's policy too: Swagger UI loads only its own scripts and needs nothing inline but styles.
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Content-Security-Policy', CSP);
    if (hsts) reply.header('Strict-Transport-Security', hsts);
    if (isApiRequest(request)) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const metrics = installMetrics(app, { token: ctx.config.metricsToken });
  app.decorate('metrics', metrics);

  for (const routes of parts.routes) await routes(app, ctx);

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasUi = existsSync(join(webRoot, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, {
      root: webRoot,
      // Files are looked up per request, so a rebuilt UI is served without restarting the server.
      wildcard: true,
      index: 'index.html',
      setHeaders(reply, path) {
        // Vite fingerprints everything under assets/, so those never change; index.html must always be revalidated.
        reply.header('Cache-Control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.status(404).send({ error: { code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
    }
    // A missing fingerprinted asset is a real 404: answering it with the UI shell would break the page silently.
    if (request.url.startsWith('/assets/')) {
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    }
    if (!hasUi) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web UI is not built. Run `npm run build` and restart.');
    }
    // Client-side routes: any other page path gets the UI shell.
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').sendFile('index.html');
  });

  return app;
}
