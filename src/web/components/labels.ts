/** Names for values the server sends as codes (roles, document scripts and formats), in the active language. */
import { useCallback } from 'react';
import { useI18n } from '../i18n/index.ts';

export function useRoleLabel(): (role: string) => string {
  const { tDynamic } = useI18n();
  return useCallback((role: string) => tDynamic(`role.${role}`, role), [tDynamic]);
}

export function useScriptLabel(): (script: string) => string {
  const { tDynamic } = useI18n();
  return useCallback((script: string) => tDynamic(`documents.script.${script}`, script), [tDynamic]);
}
