/** Names for the task loop's codes (states, actions, health, report states, cadences) in the active language. */
import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.ts';

/** A label looked up by a code the server sends; the code itself when the catalogue has none (a newer server). */
function useCodeLabel(prefix: string): (code: string) => string {
  const { tDynamic } = useI18n();
  return useCallback((code: string) => tDynamic(`${prefix}.${code}`, code), [tDynamic, prefix]);
}

/** 已交办, 办理中, … */
export const useStateLabel = () => useCodeLabel('loop.state');
/** 交办, 签收, 销号, … */
export const useActionLabel = () => useCodeLabel('loop.action');
/** 红灯, 绿灯, … */
export const useHealthLabel = () => useCodeLabel('loop.health');
/** 草稿, 待审核, 已通过, 被退回, 未报送 */
export const useReportStateLabel = () => useCodeLabel('loop.reportState');
/** 每周, 每月, … */
export const useCadenceLabel = () => useCodeLabel('loop.cadence');

/** One lit health rule in words, with its parameters (`已逾期{days}天`). */
export function useHealthReasonText(): (reason: { code: string; params: Record<string, string | number> }) => string {
  const { tDynamic } = useI18n();
  return useCallback(
    (reason) => tDynamic(`loop.healthReason.${reason.code}`, reason.code, reason.params),
    [tDynamic],
  );
}
