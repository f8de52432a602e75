/** Dashboard rows → API shape. */
import type { StatsListItem } from '../../../contract/stats.ts';
import { daysBetween } from '../../../core/time.ts';
import type { ListedTask } from '../tasks/index.ts';

export function presentListItem(t: ListedTask, areaTitle: string, leadUnitName: string | null, today: string): StatsListItem {
  const open = t.state === 'assigned' || t.state === 'signed' || t.state === 'in_progress';
  return {
    id: t.id,
    title: t.title,
    label: t.label,
    programmeId: t.programmeId,
    areaId: t.areaId,
    areaTitle,
    leadUnitId: t.leadUnitId,
    leadUnitName,
    dueDate: t.dueDate,
    state: t.state,
    health: t.health,
    progress: t.progress,
    reason: t.healthDetail?.summary ?? null,
    overdueDays: open && t.dueDate && t.dueDate < today ? daysBetween(t.dueDate, today) : 0,
  };
}
