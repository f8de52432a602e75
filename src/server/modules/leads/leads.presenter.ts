/** Lead → API shape, for the programme's supervisors (the only ones who ever receive it). */
import type { LeadResponse } from '../../../contract/leads.ts';
import type { LeadView } from './leads.service.ts';

export function presentLead({ lead, abilities }: LeadView): LeadResponse {
  return {
    id: lead.id,
    programmeId: lead.programmeId,
    programmeTitle: lead.programmeTitle,
    taskId: lead.taskId,
    taskTitle: lead.taskTitle,
    state: lead.state,
    what: lead.what,
    place: lead.place,
    contact: lead.contact,
    photoUrl: lead.photoSha256 ? `/api/v1/leads/${encodeURIComponent(lead.id)}/photo` : null,
    decidedAt: lead.decidedAt,
    rejectReason: lead.rejectReason,
    rejectNote: lead.rejectNote,
    mergedIntoId: lead.mergedIntoId,
    rectificationTaskId: lead.rectificationTaskId,
    createdAt: lead.createdAt,
    version: lead.version,
    abilities,
  };
}
