/** Unit and user names from their ids, read from the organisation lists the app already caches. */
import { useCallback, useMemo } from 'react';
import { useUnits } from '../../api/units.ts';
import { useUsers } from '../../api/users.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../i18n/index.ts';

export function useUnitName(): (id: string | null | undefined) => string {
  const units = useUnits();
  const byId = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  return useCallback((id) => (id ? (byId.get(id) ?? '—') : '—'), [byId]);
}

/**
 * A user's display name; someone the reader may not look up (no `user.read`) shows as "(unknown user)".
 * `needed: false` leaves the directory unfetched (a list whose entries already carry their names).
 */
export function useUserName(needed = true): (id: string | null | undefined) => string {
  const t = useT();
  const { can } = useAuth();
  const users = useUsers({}, { enabled: needed && can('user.read') });
  const byId = useMemo(() => new Map((users.data?.items ?? []).map((u) => [u.id, u.displayName])), [users.data]);
  return useCallback((id) => (id ? (byId.get(id) ?? t('loop.someone')) : t('loop.system')), [byId, t]);
}
