// La fiche d'une personne et son historique, du plus récent au plus ancien. Chaque lecture est tracée.
import { and, desc, eq } from 'drizzle-orm';
import { users } from '../../platform/schema';
import { persons, privateNotes, queueEntries, solicitations } from './schema';
import { recordAudit } from '../../platform/audit.server';
import { actsOfPerson } from '../mandates/journal.server';
import { mandatesOfPerson } from '../mandates/mandates.server';
import { referralsOfPerson } from '../referrals/referrals.server';
import { diagnosesOfPerson, stepsOfPerson } from '../diagnosis/plan.server';
import { organisationLabels } from './organisations';
import { catalogIn } from './organisations.server';
import type { RequestContext } from '../../platform/request.server';

export type TimelineEvent =
  | {
      kind: 'sollicitation';
      at: Date;
      id: string;
      by: string | null;
      organisations: string[];
      procedure: string | null;
      mode: string;
      outcome: string;
      durationMinutes: number;
      nextStep: string | null;
      nextStepDate: string | null;
      notes: string | null;
    }
  | { kind: 'arrivee'; at: Date; id: string; reason: string | null; waitedMinutes: number | null; left: boolean }
  | { kind: 'note_privee'; at: Date; id: string; body: string }
  | {
      kind: 'mandat';
      at: Date;
      id: string;
      mandateId: string;
      step: 'etabli' | 'signe' | 'revoque';
      areas: string[];
      reason: string | null;
    }
  | { kind: 'acte'; at: Date; id: string; mandateId: string; area: string; onlineService: string; whatDone: string; by: string | null }
  | { kind: 'orientation'; at: Date; id: string; referralId: string; placeName: string; step: ReferralStep; outcome: string | null }
  | { kind: 'diagnostic'; at: Date; id: string; diagnosisId: string; level: string; overallScore: number }
  | { kind: 'etape'; at: Date; id: string; label: string; stepKind: string; status: string };
type ReferralStep = 'envoyee' | 'relancee' | 'prise_en_compte' | 'expiree' | 'close';

/** La fiche, ou null si la personne n'existe pas dans la structure (même réponse qu'ailleurs : 404). */
export async function readPersonFile({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const [consentAgent] = person.consentBy
    ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, person.consentBy))
    : [];
  const visits = await tx
    .select({ s: solicitations, by: users.displayName })
    .from(solicitations)
    .leftJoin(users, eq(users.id, solicitations.mediatorId))
    .where(and(eq(solicitations.structureId, actor.structureId), eq(solicitations.personId, personId)))
    .orderBy(desc(solicitations.occurredAt))
    .limit(200);
  const arrivals = await tx
    .select()
    .from(queueEntries)
    .where(and(eq(queueEntries.structureId, actor.structureId), eq(queueEntries.personId, personId)))
    .orderBy(desc(queueEntries.arrivedAt))
    .limit(200);
  // La RLS ne rend que les notes dont l'agent est l'auteur.
  const notes = await tx
    .select()
    .from(privateNotes)
    .where(and(eq(privateNotes.structureId, actor.structureId), eq(privateNotes.personId, personId)))
    .orderBy(desc(privateNotes.createdAt));
  const mandateRows = await mandatesOfPerson(tx, actor, personId);
  const acts = await actsOfPerson(tx, actor.structureId, personId, 200);
  const sentReferrals = await referralsOfPerson(tx, actor, personId);
  const personDiagnoses = await diagnosesOfPerson(tx, actor, personId);
  const steps = await stepsOfPerson(tx, actor, personId);
  await recordAudit(tx, actor, 'personne.consultee', { type: 'personne', id: personId });
  const timeline: TimelineEvent[] = [
    ...visits.map(({ s, by }) => ({
      kind: 'sollicitation' as const,
      at: s.occurredAt,
      id: s.id,
      by,
      organisations: s.organisations,
      procedure: s.procedure,
      mode: s.mode,
      outcome: s.outcome,
      durationMinutes: s.durationMinutes,
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
    ...mandateRows.flatMap((m) => {
      const event = (step: 'etabli' | 'signe' | 'revoque', at: Date) => ({
        kind: 'mandat' as const,
        at,
        id: `${m.id}-${step}`,
        mandateId: m.id,
        step,
        areas: m.areas,
        reason: step === 'revoque' ? m.revocationReason : null,
      });
      return [
        event('etabli', m.createdAt),
        ...(m.signedAt ? [event('signe', m.signedAt)] : []),
        ...(m.revokedAt ? [event('revoque', m.revokedAt)] : []),
      ];
    }),
    ...acts.map((act) => ({
      kind: 'acte' as const,
      at: act.occurredAt,
      id: String(act.seq),
      mandateId: act.mandateId,
      area: act.area,
      onlineService: act.onlineService,
      whatDone: act.whatDone,
      by: act.by,
    })),
    // Chaque étape d'une orientation (envoi, prise en compte par le partenaire, résultat) à sa date.
    ...sentReferrals.flatMap(({ referral, placeName, state }) => {
      const event = (step: ReferralStep, at: Date) => ({
        kind: 'orientation' as const,
        at,
        id: `${referral.id}-${step}`,
        referralId: referral.id,
        placeName,
        step,
        outcome: step === 'close' ? state.outcome : null,
      });
      return [
        event('envoyee', referral.createdAt),
        ...(referral.lastReminderAt ? [event('relancee', referral.lastReminderAt)] : []),
        ...(state.acknowledgedAt ? [event('prise_en_compte', state.acknowledgedAt)] : []),
        ...(referral.expiredAt ? [event('expiree', referral.expiredAt)] : []),
        ...(state.outcomeAt ? [event('close', state.outcomeAt)] : []),
      ];
    }),
    ...personDiagnoses.map((d) => ({
      kind: 'diagnostic' as const,
      at: d.createdAt,
      id: d.id,
      diagnosisId: d.id,
      level: d.level,
      overallScore: d.overallScore,
    })),
    // Une étape du plan : quand elle est retenue, puis son dernier état s'il a changé.
    ...steps.flatMap((step) => {
      const event = (status: string, at: Date) => ({
        kind: 'etape' as const,
        at,
        id: `${step.id}-${status}`,
        label: step.label,
        stepKind: step.kind,
        status,
      });
      return [event('ajoutee', step.createdAt), ...(step.status !== 'a_faire' ? [event(step.status, step.statusAt)] : [])];
    }),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return { person, consentByName: consentAgent?.name ?? null, timeline, organisationLabels: organisationLabels(await catalogIn(tx)) };
}
