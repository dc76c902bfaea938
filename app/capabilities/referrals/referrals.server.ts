// Orienter une personne vers un lieu de l'annuaire, et suivre ce qu'il en advient. Si le lieu a un partenaire
// inscrit sur Relais et que la personne l'accepte, le minimum (nom, contact, motif) lui est transmis dans
// referral_handoffs, rangé chez lui : il le prend en compte et note le résultat ; la structure qui oriente lit la
// réponse. Sans partenaire, la structure note elle-même le résultat.
import { aliasedTable, and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { persons, places, referralHandoffs, referrals, structures } from '../../db/schema';
import { transaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import { personLabel } from '../mandates/mandates.server';
import { canTransition, followUp, type OutcomeInput, type ReferralInput, type Transition } from './rules';
import type { Status } from './vocabulary';

export interface Sender extends Actor {
  displayName: string;
}

/** Les lieux actifs de l'annuaire, avec leur partenaire sur Relais s'il y en a un : pour le formulaire. */
export async function referralChoices(services: Services, actor: Actor, personId: string) {
  return transaction(services.database, actor, async (tx) => {
    const [person] = await tx.select().from(persons).where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
    if (!person) return null;
    const partner = aliasedTable(structures, 'partner');
    const choices = await tx
      .select({ id: places.id, name: places.name, city: places.city, partnerId: places.partnerStructureId, partnerName: partner.name })
      .from(places)
      .leftJoin(partner, eq(partner.id, places.partnerStructureId))
      .where(and(eq(places.structureId, actor.structureId), eq(places.active, true)))
      .orderBy(places.name);
    return { person: { id: person.id, label: personLabel(person), hasContact: Boolean(person.phone || person.email) }, places: choices };
  });
}

export type CreateReferralResult = { ok: true; id: string } | { ok: false; error: 'personne_introuvable' | 'lieu_introuvable' };

export async function createReferral(services: Services, sender: Sender, personId: string, input: ReferralInput): Promise<CreateReferralResult> {
  return transaction(services.database, sender, async (tx) => {
    const [person] = await tx.select().from(persons).where(and(eq(persons.structureId, sender.structureId), eq(persons.id, personId)));
    if (!person) return { ok: false, error: 'personne_introuvable' };
    const [place] = await tx.select().from(places).where(and(eq(places.structureId, sender.structureId), eq(places.id, input.placeId), eq(places.active, true)));
    if (!place) return { ok: false, error: 'lieu_introuvable' };
    const partnerId = place.partnerStructureId && place.partnerStructureId !== sender.structureId && input.consent ? place.partnerStructureId : null;
    const appointmentAt = input.channel === 'rendez_vous' && input.appointmentAt ? new Date(input.appointmentAt) : null;
    const [referral] = await tx
      .insert(referrals)
      .values({
        structureId: sender.structureId,
        personId,
        placeId: place.id,
        partnerStructureId: partnerId,
        reason: input.reason,
        toBring: input.toBring,
        channel: input.channel,
        appointmentAt,
        consentShare: partnerId !== null,
        createdAt: services.now(),
        createdBy: sender.userId,
      })
      .returning();
    if (partnerId) {
      const [from] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, sender.structureId));
      // Le minimum, et rien d'autre : ni identifiant de la personne, ni historique, ni notes.
      await tx.insert(referralHandoffs).values({
        structureId: partnerId,
        id: referral!.id,
        senderStructureId: sender.structureId,
        senderName: from!.name,
        senderAgentName: sender.displayName,
        placeName: place.name,
        personName: personLabel(person),
        personContact: contactOf(person),
        reason: input.reason,
        toBring: input.toBring,
        channel: input.channel,
        appointmentAt,
        createdAt: referral!.createdAt,
      });
    }
    await recordAudit(tx, sender, 'orientation.envoyee', { type: 'orientation', id: referral!.id }, { lieu: place.name, partage: partnerId !== null });
    return { ok: true, id: referral!.id };
  });
}

/** Le moyen de joindre la personne que préfère la personne, sinon le téléphone, sinon l'e-mail. */
function contactOf(person: typeof persons.$inferSelect) {
  if (person.preferredContact === 'email' && person.email) return person.email;
  return person.phone ?? person.email ?? null;
}

type HandoffRow = typeof referralHandoffs.$inferSelect;

/** L'état d'une orientation : la réponse du partenaire quand il y en a un, sinon ce que la structure a noté. */
export function stateOf(referral: typeof referrals.$inferSelect, handoff: HandoffRow | null) {
  const source = handoff ?? referral;
  return {
    status: source.status as Status,
    outcome: source.outcome,
    refusalReason: source.refusalReason,
    comment: handoff ? handoff.comment : referral.outcomeComment,
    acknowledgedAt: handoff?.acknowledgedAt ?? null,
    outcomeAt: source.outcomeAt,
    answeredBy: handoff ? 'partenaire' : 'structure',
  } as const;
}

async function handoffsOf(tx: Tx, senderStructureId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, HandoffRow>();
  // La RLS laisse la structure qui oriente lire les réponses à ses propres orientations, et rien d'autre.
  const rows = await tx.select().from(referralHandoffs).where(and(eq(referralHandoffs.senderStructureId, senderStructureId), inArray(referralHandoffs.id, ids)));
  return new Map(rows.map((row) => [row.id, row]));
}

async function reminderDays(tx: Tx, structureId: string) {
  const [row] = await tx.select({ days: structures.referralReminderDays }).from(structures).where(eq(structures.id, structureId));
  return row?.days ?? 7;
}

/** Une orientation envoyée par la structure, sa personne, son lieu et la réponse ; la lecture est tracée. */
export async function readReferral(services: Services, actor: Actor, id: string) {
  return transaction(services.database, actor, async (tx) => {
    const [row] = await tx
      .select({ referral: referrals, person: persons, place: places })
      .from(referrals)
      .innerJoin(persons, and(eq(persons.structureId, referrals.structureId), eq(persons.id, referrals.personId)))
      .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
      .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, id)));
    if (!row) return null;
    const handoff = (await handoffsOf(tx, actor.structureId, [id])).get(id) ?? null;
    const [partner] = row.referral.partnerStructureId ? await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, row.referral.partnerStructureId)) : [];
    await recordAudit(tx, actor, 'orientation.consultee', { type: 'orientation', id });
    const state = stateOf(row.referral, handoff);
    return { ...row, partnerName: partner?.name ?? null, state, followUp: followUp(state.status, row.referral.createdAt, services.now(), await reminderDays(tx, actor.structureId)) };
  });
}
export type ReferralView = NonNullable<Awaited<ReturnType<typeof readReferral>>>;

/** Les orientations envoyées, les plus récentes d'abord ; `aRelancer` : sans réponse depuis N jours. */
export async function listSentReferrals(services: Services, actor: Actor, view: 'toutes' | 'a_relancer', limit = 100) {
  return transaction(services.database, actor, async (tx) => {
    const rows = await tx
      .select({ referral: referrals, firstName: persons.firstName, lastName: persons.lastName, placeName: places.name })
      .from(referrals)
      .innerJoin(persons, and(eq(persons.structureId, referrals.structureId), eq(persons.id, referrals.personId)))
      .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
      .where(and(eq(referrals.structureId, actor.structureId), view === 'a_relancer' ? sql`${referrals.status} = 'envoyee'` : sql`true`))
      .orderBy(desc(referrals.createdAt))
      .limit(view === 'a_relancer' ? 1000 : limit);
    const handoffs = await handoffsOf(tx, actor.structureId, rows.filter((r) => r.referral.partnerStructureId).map((r) => r.referral.id));
    const days = await reminderDays(tx, actor.structureId);
    const now = services.now();
    const list = rows.map((r) => {
      const state = stateOf(r.referral, handoffs.get(r.referral.id) ?? null);
      return { ...r, person: personLabel(r), state, followUp: followUp(state.status, r.referral.createdAt, now, days) };
    });
    return { reminderDays: days, rows: view === 'a_relancer' ? list.filter((r) => r.followUp !== null).slice(0, limit) : list };
  });
}

/** Les orientations reçues par la structure (partenaire) : seulement le minimum partagé. */
export async function listReceivedHandoffs(services: Services, actor: Actor, limit = 100) {
  return transaction(services.database, actor, (tx) =>
    tx
      .select()
      .from(referralHandoffs)
      .where(eq(referralHandoffs.structureId, actor.structureId))
      .orderBy(sql`${referralHandoffs.status} = 'close'`, desc(referralHandoffs.createdAt))
      .limit(limit),
  );
}

export async function readHandoff(services: Services, actor: Actor, id: string) {
  return transaction(services.database, actor, async (tx) => {
    const [row] = await tx.select().from(referralHandoffs).where(and(eq(referralHandoffs.structureId, actor.structureId), eq(referralHandoffs.id, id)));
    if (!row) return null;
    await recordAudit(tx, actor, 'orientation_recue.consultee', { type: 'orientation_recue', id });
    return row;
  });
}

export type AnswerResult = { ok: true } | { ok: false; error: 'introuvable' | 'deja_close' | 'deja_prise_en_compte' };

async function answerable(tx: Tx, table: typeof referralHandoffs | typeof referrals, actor: Actor, id: string, transition: Transition): Promise<AnswerResult> {
  const [row] = await tx
    .select({ status: table.status })
    .from(table)
    .where(and(eq(table.structureId, actor.structureId), eq(table.id, id)))
    .for('update');
  if (!row) return { ok: false, error: 'introuvable' };
  if (canTransition(row.status as Status, transition)) return { ok: true };
  return { ok: false, error: row.status === 'close' ? 'deja_close' : 'deja_prise_en_compte' };
}

/** Le partenaire a bien reçu l'orientation et s'en occupe. */
export async function acknowledgeHandoff(services: Services, actor: Actor, id: string): Promise<AnswerResult> {
  return transaction(services.database, actor, async (tx) => {
    const allowed = await answerable(tx, referralHandoffs, actor, id, 'prendre_en_compte');
    if (!allowed.ok) return allowed;
    await tx
      .update(referralHandoffs)
      .set({ status: 'prise_en_compte', acknowledgedAt: services.now(), acknowledgedBy: actor.userId })
      .where(and(eq(referralHandoffs.structureId, actor.structureId), eq(referralHandoffs.id, id)));
    await recordAudit(tx, actor, 'orientation_recue.prise_en_compte', { type: 'orientation_recue', id });
    return { ok: true };
  });
}

/** Le partenaire dit ce qu'il est advenu de la personne ; l'orientation est close. */
export async function recordHandoffOutcome(services: Services, actor: Actor, id: string, input: OutcomeInput): Promise<AnswerResult> {
  return transaction(services.database, actor, async (tx) => {
    const allowed = await answerable(tx, referralHandoffs, actor, id, 'cloturer');
    if (!allowed.ok) return allowed;
    const now = services.now();
    await tx
      .update(referralHandoffs)
      .set({
        status: 'close',
        outcome: input.outcome,
        refusalReason: input.refusalReason,
        comment: input.comment,
        outcomeAt: now,
        outcomeBy: actor.userId,
        acknowledgedAt: sql`coalesce(${referralHandoffs.acknowledgedAt}, ${now})`,
        acknowledgedBy: sql`coalesce(${referralHandoffs.acknowledgedBy}, ${actor.userId}::uuid)`,
      })
      .where(and(eq(referralHandoffs.structureId, actor.structureId), eq(referralHandoffs.id, id)));
    await recordAudit(tx, actor, 'orientation_recue.close', { type: 'orientation_recue', id }, { resultat: input.outcome });
    return { ok: true };
  });
}

/** Sans partenaire sur Relais (ou sans accord de partage), la structure qui oriente note elle-même le résultat. */
export async function recordOwnOutcome(services: Services, actor: Actor, id: string, input: OutcomeInput): Promise<AnswerResult> {
  return transaction(services.database, actor, async (tx) => {
    const [row] = await tx.select({ partner: referrals.partnerStructureId }).from(referrals).where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, id)));
    if (!row || row.partner) return { ok: false, error: 'introuvable' };
    const allowed = await answerable(tx, referrals, actor, id, 'cloturer');
    if (!allowed.ok) return allowed;
    await tx
      .update(referrals)
      .set({ status: 'close', outcome: input.outcome, refusalReason: input.refusalReason, outcomeComment: input.comment, outcomeAt: services.now() })
      .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, id)));
    await recordAudit(tx, actor, 'orientation.close', { type: 'orientation', id }, { resultat: input.outcome });
    return { ok: true };
  });
}

/** Les orientations d'une personne pour son historique (avec la réponse du partenaire). */
export async function referralsOfPerson(tx: Tx, actor: Actor, personId: string) {
  const rows = await tx
    .select({ referral: referrals, placeName: places.name })
    .from(referrals)
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.personId, personId)))
    .orderBy(desc(referrals.createdAt))
    .limit(100);
  const handoffs = await handoffsOf(tx, actor.structureId, rows.filter((r) => r.referral.partnerStructureId).map((r) => r.referral.id));
  return rows.map((r) => ({ ...r, state: stateOf(r.referral, handoffs.get(r.referral.id) ?? null) }));
}
