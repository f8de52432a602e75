/**
 * Who is signed in. The `me` query is the single source: sign-in fills it, sign-out and any 401 `unauthenticated`
 * empty it, and route guards read it. Permissions come from the server (`GET /api/v1/me`), never from role names.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Permission } from '../../core/permissions.ts';
import { setUnauthenticatedHandler } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useMeQuery, type Me } from '../api/session.ts';
import type { User } from '../api/types.ts';
import { isLocale, useI18n } from '../i18n/index.ts';

export type AuthStatus = 'loading' | 'error' | 'signedOut' | 'signedIn';

export interface AuthValue {
  status: AuthStatus;
  me: Me | null;
  /** The error of the `me` request when the server could not answer (status `error`). */
  error: unknown;
  can(permission: Permission): boolean;
  canAny(...permissions: Permission[]): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useMeQuery();
  const { setLocale } = useI18n();

  useEffect(() => {
    setUnauthenticatedHandler(() => qc.setQueryData(keys.me, null));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);

  // A user's saved locale wins once per sign-in; afterwards the switch in the top bar drives it.
  const appliedFor = useRef<string | null>(null);
  const me = query.data ?? null;
  useEffect(() => {
    if (!me) {
      appliedFor.current = null;
      return;
    }
    if (appliedFor.current === me.user.id) return;
    appliedFor.current = me.user.id;
    if (isLocale(me.user.locale)) setLocale(me.user.locale);
  }, [me, setLocale]);

  const value = useMemo<AuthValue>(() => {
    const granted = new Set(me?.permissions ?? []);
    const status: AuthStatus = me ? 'signedIn' : query.isPending ? 'loading' : query.isError ? 'error' : 'signedOut';
    return {
      status,
      me,
      error: query.error,
      can: (p) => granted.has(p),
      canAny: (...ps) => ps.some((p) => granted.has(p)),
    };
  }, [me, query.isPending, query.isError, query.error]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for pages behind <RequireAuth>. */
export function useCurrentUser(): { user: User; permissions: readonly string[] } {
  const { me } = useAuth();
  if (!me) throw new Error('useCurrentUser needs a signed-in user');
  return { user: me.user, permissions: me.permissions };
}
