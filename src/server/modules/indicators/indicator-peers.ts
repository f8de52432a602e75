/** Peers' figures (对标): another city's value for the same indicator, entered by a supervisor with its source. */
import type { AddPeerBody } from '../../../contract/indicators.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { indicatorPeriodBounds } from '../../../core/indicators/index.ts';
import { deletePeerRow, findPeer, insertPeer, type Peer } from './indicators.repository.ts';
import { loadIndicator } from './indicators.service.ts';

/** Adds a peer's figure for a period of the indicator's kind; the source (a URL or a citation) is required. */
export async function addPeer(ctx: AppContext, actor: Actor, indicatorId: string, input: AddPeerBody): Promise<Peer> {
  requirePermission(actor, 'indicator.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { indicator, caps } = await loadIndicator(trx, actor, indicatorId);
    if (!caps.supervisor) throw forbidden('Only a supervisor of the programme enters peers’ figures');
    if (!indicatorPeriodBounds(indicator.period, input.periodKey)) throw badRequest('period_invalid', `${input.periodKey} is not a ${indicator.period} period`, { field: 'periodKey' });
    const name = input.name.normalize('NFC').trim();
    const source = input.source.normalize('NFC').trim();
    if (!name || !source) throw badRequest('peer_incomplete', 'A peer needs a name and a source');
    const peer: Peer = { id: newId(now.getTime()), indicatorId, name, value: input.value, periodKey: input.periodKey, source, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now };
    await insertPeer(trx, peer);
    await appendAudit(trx, actor, { action: 'indicator_peer.added', objectType: 'indicator_peer', objectId: peer.id, after: peer, context: { indicatorId } }, now);
    return peer;
  });
}

/** Removes a peer's figure (a supervisor of the programme). */
export async function deletePeer(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'indicator.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const peer = await findPeer(trx, id);
    if (!peer) throw notFound('peer');
    let caps;
    try {
      caps = (await loadIndicator(trx, actor, peer.indicatorId)).caps;
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw notFound('peer');
      throw err;
    }
    if (!caps.supervisor) throw forbidden('Only a supervisor of the programme removes peers’ figures');
    await deletePeerRow(trx, id);
    await appendAudit(trx, actor, { action: 'indicator_peer.deleted', objectType: 'indicator_peer', objectId: id, before: peer, context: { indicatorId: peer.indicatorId } }, now);
  });
}
