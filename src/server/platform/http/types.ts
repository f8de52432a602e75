/** Fastify type augmentation: every request carries its actor, every route declares who may call it. */
import type { FastifyInstance, FastifySchema, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Permission } from '../../../core/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Metrics } from './metrics.ts';

/** One registered route, as the authorization matrix test and the metrics see it. */
export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  permission: Permission | null;
  /** The schema it validates and serialises with (the contract conformance test compares it with the contract). */
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app (HEAD twins left out), in registration order. */
    routeTable: readonly RouteEntry[];
    /** The app's Prometheus registry and the means to add gauges to it. */
    metrics: Metrics;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the caller authenticated with the session cookie (then writes need the CSRF header). */
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, sign-in). */
    public?: boolean;
    /** The coarse permission checked before validation; per-resource rules are in the services. */
    permission?: Permission;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
