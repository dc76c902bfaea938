// Ce que l'accueil apporte à l'historique d'une personne : ses sollicitations, ses arrivées, les notes privées de
// l'agent (la RLS ne rend que les siennes).
import { DIGITAL_SKILLS, type DigitalSkill } from '../../vocabulary/coop';
import { and, desc, eq } from 'drizzle-orm';
import { users } from '../../platform/schema';
import type { TimelineSource } from '../../platform/timeline';
import { labelOfOrganisations, organisationLabels } from './organisations';
import { catalogIn } from './organisations.server';
import { privateNotes, queueEntries, solicitations } from './schema';

export type ReceptionEvent =
  | {
      kind: 'sollicitation';
      at: Date;
      id: string;
      by: string | null;
      organisations: string[];
      /** Les organismes en toutes lettres (liste nationale et organismes de la structure). */
      organisationsLabel: string;
      procedure: string | null;
      mode: string;
      outcome: string;
      durationMinutes: number;
      /** Les compétences travaillées, en toutes lettres. */
      skills: string[];
      nextStep: string | null;
      nextStepDate: string | null;
      notes: string | null;
    }
  | { kind: 'arrivee'; at: Date; id: string; reason: string | null; waitedMinutes: number | null; left: boolean }
  | { kind: 'note_privee'; at: Date; id: string; body: string };

export const receptionEvents: TimelineSource<ReceptionEvent> = async (tx, actor, personId) => {
  const visits = await tx
    .select({ s: solicitations, by: users.displayName })
    .from(solicitations)
    .leftJoin(users, eq(users.id, solicitations.mediatorId))
    .where(and(eq(solicitations.structureId, actor.structureId), eq(solicitations.personId, personId)))
    .orderBy(desc(solicitations.occurredAt), desc(solicitations.createdAt), desc(solicitations.id))
    .limit(200);
  const arrivals = await tx
    .select()
    .from(queueEntries)
    .where(and(eq(queueEntries.structureId, actor.structureId), eq(queueEntries.personId, personId)))
    .orderBy(desc(queueEntries.arrivedAt))
    .limit(200);
  const notes = await tx
    .select()
    .from(privateNotes)
    .where(and(eq(privateNotes.structureId, actor.structureId), eq(privateNotes.personId, personId)))
    .orderBy(desc(privateNotes.createdAt));
  const labels = organisationLabels(await catalogIn(tx));
  return [
    ...visits.map(({ s, by }) => ({
      kind: 'sollicitation' as const,
      at: s.occurredAt,
      id: s.id,
      by,
      organisations: s.organisations,
      organisationsLabel: labelOfOrganisations(labels, s.organisations),
      procedure: s.procedure,
      mode: s.mode,
      outcome: s.outcome,
      durationMinutes: s.durationMinutes,
      skills: s.skills.map((skill) => DIGITAL_SKILLS[skill as DigitalSkill] ?? skill),
      nextStep: s.nextStep,
      nextStepDate: s.nextStepDate,
      notes: s.notes,
    })),
    ...arrivals.map((a) => ({
      kind: 'arrivee' as const,
      at: a.arrivedAt,
      id: a.id,
      reason: a.reason,
      waitedMinutes: a.takenAt ? Math.round((a.takenAt.getTime() - a.arrivedAt.getTime()) / 60_000) : null,
      left: a.leftAt !== null,
    })),
    ...notes.map((n) => ({ kind: 'note_privee' as const, at: n.createdAt, id: n.id, body: n.body })),
  ];
};
