// Ce que les ateliers apportent à l'historique d'une personne : chaque inscription, datée de la séance une fois la
// présence notée (ou la séance annulée), sinon du jour de l'inscription.
import type { TimelineSource } from '../../platform/timeline';
import { workshopsOfPerson } from './registrations.server';

export type WorkshopEvent = {
  kind: 'atelier';
  at: Date;
  id: string;
  sessionId: string;
  title: string;
  status: string;
  cancelled: boolean;
};

const ATTENDED = new Set(['present', 'absent', 'excuse']);

export const workshopEvents: TimelineSource<WorkshopEvent> = async (tx, actor, personId) =>
  (await workshopsOfPerson(tx, actor.structureId, personId)).map((r) => ({
    kind: 'atelier' as const,
    at: ATTENDED.has(r.status) || r.cancelledAt ? r.startsAt : r.createdAt,
    id: r.id,
    sessionId: r.sessionId,
    title: r.title,
    status: r.status,
    cancelled: r.cancelledAt !== null,
  }));
