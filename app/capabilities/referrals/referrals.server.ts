// Orienter une personne vers un lieu de l'annuaire, et suivre ce qu'il en advient. Si le lieu a un partenaire
// inscrit sur Relais et que la personne l'accepte, le minimum (nom, contact, motif) lui est transmis dans
// referral_handoffs, rangé chez lui : il le prend en compte et note le résultat ; la structure qui oriente lit la
// réponse. Sans partenaire, la structure note elle-même le résultat.
import { aliasedTable, and, desc, eq, inArray, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { places } from '../directory/schema';
import { structures } from '../../platform/schema';
import { persons } from '../reception/schema';
import { referralHandoffs, referralLinks, referrals } from './schema';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import { enqueueMessage, messagesAbout } from '../../platform/jobs/outbox.server';
import { personLabel } from '../mandates/mandates.server';
import { newReferralEmail, slipEmail, slipSms, type SlipContent } from './messages';
import { createLink, currentLinks, linkUrl, type LinkRow } from './partner-links.server';
import { canTransition, followUp, type OutcomeInput, type ReferralInput, type Transition } from './rules';
import type { RequestContext } from '../../platform/request.server';

export interface Sender extends Actor {
  displayName: string;
}

/** Les lieux actifs de l'annuaire, avec leur partenaire sur Relais s'il y en a un : pour le formulaire. */
export async function referralChoices({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const partner = aliasedTable(structures, 'partner');
  const choices = await tx
    .select({
      id: places.id,
      name: places.name,
      city: places.city,
      services: places.services,
      hasEmail: sql<boolean>`cardinality(coalesce(${places.emails}, '{}')) > 0`,
      partnerId: places.partnerStructureId,
      partnerName: partner.name,
    })
    .from(places)
    .leftJoin(partner, eq(partner.id, places.partnerStructureId))
    .where(and(eq(places.structureId, actor.structureId), eq(places.active, true)))
    .orderBy(places.name);
  return {
    person: {
      id: person.id,
      label: personLabel(person),
      hasContact: Boolean(person.phone || person.email),
      email: person.email,
      phone: person.phone,
    },
    places: choices,
  };
}

export type CreateReferralResult = { ok: true; id: string } | { ok: false; error: 'personne_introuvable' | 'lieu_introuvable' };

/**
 * Oriente la personne. Avec son accord, le minimum part au lieu : chez le partenaire s'il est sur Relais
 * (referral_handoffs), sinon par un lien signé (referral_links) envoyé à l'adresse du lieu. La fiche part à la
 * personne si elle l'a demandé. Les messages sont écrits dans l'outbox de la même transaction.
 */
export async function createReferral(
  { tx, actor: sender, now, services }: RequestContext<Sender>,
  personId: string,
  input: ReferralInput,
): Promise<CreateReferralResult> {
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, sender.structureId), eq(persons.id, personId)));
  if (!person) return { ok: false, error: 'personne_introuvable' };
  const [place] = await tx
    .select()
    .from(places)
    .where(and(eq(places.structureId, sender.structureId), eq(places.id, input.placeId), eq(places.active, true)));
  if (!place) return { ok: false, error: 'lieu_introuvable' };
  const ownPlace = place.partnerStructureId === sender.structureId;
  // Le minimum ne part chez la structure du lieu que si le partenariat est accepté des deux côtés ; sinon, par lien.
  const partnerId =
    place.partnerStructureId && !ownPlace && input.consent && (await arePartners(tx, sender.structureId, place.partnerStructureId))
      ? place.partnerStructureId
      : null;
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
      service: input.service,
      consentShare: input.consent && !ownPlace,
      createdAt: now,
      createdBy: sender.userId,
    })
    .returning();
  const id = referral!.id;
  const [from] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, sender.structureId));
  // Le minimum, et rien d'autre : ni identifiant de la personne, ni historique, ni notes.
  const minimum = {
    senderName: from!.name,
    senderAgentName: sender.displayName,
    placeName: place.name,
    personName: personLabel(person),
    personContact: contactOf(person),
    reason: input.reason,
    toBring: input.toBring,
    channel: input.channel,
    appointmentAt,
    service: input.service,
    createdAt: now,
  };
  const placeEmail = place.emails?.[0] ?? null;
  if (partnerId) {
    await tx.insert(referralHandoffs).values({ structureId: partnerId, id, senderStructureId: sender.structureId, ...minimum });
    if (placeEmail)
      await enqueueMessage(
        tx,
        sender.structureId,
        {
          channel: 'email',
          recipient: placeEmail,
          ...newReferralEmail({
            senderName: from!.name,
            placeName: place.name,
            url: `${services.config.publicUrl}/orientations/recues/${id}`,
            expiresAt: null,
          }),
          purpose: 'orientation.avis',
          subjectId: id,
          dedupeKey: `orientation.avis:${id}`,
        },
        now,
      );
  } else if (input.consent && !ownPlace) {
    await createLink(tx, services, sender, id, { ...minimum, sentTo: placeEmail });
  }
  for (const channel of input.sendSlip) {
    const slip: SlipContent = { place, reason: input.reason, toBring: input.toBring, appointmentAt, structureName: from!.name };
    const recipient = channel === 'email' ? person.email : person.phone;
    if (!recipient) continue;
    const text = channel === 'email' ? slipEmail(slip, now) : { subject: null, body: slipSms(slip) };
    await enqueueMessage(
      tx,
      sender.structureId,
      { channel, recipient, ...text, purpose: 'orientation.fiche', subjectId: id, dedupeKey: `orientation.fiche:${id}:${channel}` },
      now,
    );
  }
  await recordAudit(
    tx,
    sender,
    'orientation.envoyee',
    { type: 'orientation', id },
    { lieu: place.name, partage: partnerId ? 'partenaire' : input.consent && !ownPlace ? 'lien' : 'aucun', fiche: input.sendSlip },
  );
  return { ok: true, id };
}

/** Le moyen de joindre la personne que préfère la personne, sinon le téléphone, sinon l'e-mail. */
function contactOf(person: typeof persons.$inferSelect) {
  if (person.preferredContact === 'email' && person.email) return person.email;
  return person.phone ?? person.email ?? null;
}

type HandoffRow = typeof referralHandoffs.$inferSelect;
type Answer = { handoff: HandoffRow | null; link: LinkRow | null };

/** L'état d'une orientation : la réponse du partenaire sur Relais, ou du lieu par son lien, sinon ce que la structure a noté. */
export function stateOf(referral: typeof referrals.$inferSelect, { handoff, link }: Answer) {
  // Un lien encore ouvert n'a pas de réponse : la structure peut noter elle-même le résultat (personne revue, appel).
  const source = handoff ?? (link && link.status !== 'envoyee' ? link : null) ?? referral;
  return {
    status: source.status,
    outcome: source.outcome,
    refusalReason: source.refusalReason,
    comment: source === referral ? referral.outcomeComment : (source as HandoffRow | LinkRow).comment,
    acknowledgedAt: source === referral ? null : (source as HandoffRow | LinkRow).acknowledgedAt,
    outcomeAt: source.outcomeAt,
    answeredBy: handoff ? 'partenaire' : source === link ? 'lieu' : 'structure',
  } as const;
}

/** Les réponses (partenaire sur Relais ou lien signé) des orientations de la structure. */
export async function answersOf(tx: Tx, senderStructureId: string, rows: Array<typeof referrals.$inferSelect>) {
  const shared = rows.filter((r) => r.partnerStructureId).map((r) => r.id);
  const linked = rows.filter((r) => !r.partnerStructureId && r.consentShare).map((r) => r.id);
  // La RLS laisse la structure qui oriente lire les réponses à ses propres orientations, et rien d'autre.
  const handoffs = shared.length
    ? await tx
        .select()
        .from(referralHandoffs)
        .where(and(eq(referralHandoffs.senderStructureId, senderStructureId), inArray(referralHandoffs.id, shared)))
    : [];
  const byId = new Map(handoffs.map((row) => [row.id, row]));
  const links = await currentLinks(tx, senderStructureId, linked);
  return (referral: typeof referrals.$inferSelect): Answer => ({
    handoff: byId.get(referral.id) ?? null,
    link: links.get(referral.id) ?? null,
  });
}

async function reminderDays(tx: Tx, structureId: string) {
  const [row] = await tx.select({ days: structures.referralReminderDays }).from(structures).where(eq(structures.id, structureId));
  return row?.days ?? 7;
}

/** Une orientation envoyée par la structure, sa personne, son lieu et la réponse ; la lecture est tracée. */
export async function readReferral({ tx, actor, now, services }: RequestContext, id: string) {
  const [row] = await tx
    .select({ referral: referrals, person: persons, place: places })
    .from(referrals)
    .innerJoin(persons, and(eq(persons.structureId, referrals.structureId), eq(persons.id, referrals.personId)))
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, id)));
  if (!row) return null;
  const answer = (await answersOf(tx, actor.structureId, [row.referral]))(row.referral);
  const [partner] = row.referral.partnerStructureId
    ? await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, row.referral.partnerStructureId))
    : [];
  const messages = await messagesAbout(tx, actor.structureId, id);
  await recordAudit(tx, actor, 'orientation.consultee', { type: 'orientation', id });
  const state = stateOf(row.referral, answer);
  const link = answer.link ? { ...answer.link, url: answer.link.expiresAt > now ? linkUrl(services, answer.link) : null } : null;
  return {
    ...row,
    partnerName: partner?.name ?? null,
    state,
    link,
    messages,
    followUp: followUp(state.status, row.referral.createdAt, now, await reminderDays(tx, actor.structureId)),
  };
}
export type ReferralView = NonNullable<Awaited<ReturnType<typeof readReferral>>>;

/** Les orientations envoyées, les plus récentes d'abord ; `aRelancer` : sans réponse depuis N jours. */
export async function listSentReferrals({ tx, actor, now }: RequestContext, view: 'toutes' | 'a_relancer', limit = 100) {
  const rows = await tx
    .select({ referral: referrals, firstName: persons.firstName, lastName: persons.lastName, placeName: places.name })
    .from(referrals)
    .innerJoin(persons, and(eq(persons.structureId, referrals.structureId), eq(persons.id, referrals.personId)))
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(and(eq(referrals.structureId, actor.structureId), view === 'a_relancer' ? sql`${referrals.status} = 'envoyee'` : sql`true`))
    .orderBy(desc(referrals.createdAt))
    .limit(view === 'a_relancer' ? 1000 : limit);
  const answerOf = await answersOf(
    tx,
    actor.structureId,
    rows.map((r) => r.referral),
  );
  const days = await reminderDays(tx, actor.structureId);
  const list = rows.map((r) => {
    const state = stateOf(r.referral, answerOf(r.referral));
    return { ...r, person: personLabel(r), state, followUp: followUp(state.status, r.referral.createdAt, now, days) };
  });
  return { reminderDays: days, rows: view === 'a_relancer' ? list.filter((r) => r.followUp !== null).slice(0, limit) : list };
}

/** Les orientations reçues par la structure (partenaire) : seulement le minimum partagé. */
export async function listReceivedHandoffs({ actor, tx }: RequestContext, limit = 100) {
  return tx
    .select()
    .from(referralHandoffs)
    .where(eq(referralHandoffs.structureId, actor.structureId))
    .orderBy(sql`${referralHandoffs.status} = 'close'`, desc(referralHandoffs.createdAt))
    .limit(limit);
}

export async function readHandoff({ tx, actor }: RequestContext, id: string) {
  const [row] = await tx
    .select()
    .from(referralHandoffs)
    .where(and(eq(referralHandoffs.structureId, actor.structureId), eq(referralHandoffs.id, id)));
  if (!row) return null;
  await recordAudit(tx, actor, 'orientation_recue.consultee', { type: 'orientation_recue', id });
  return row;
}

export type AnswerResult = { ok: true } | { ok: false; error: 'introuvable' | 'deja_close' | 'deja_prise_en_compte' };

async function answerable(
  tx: Tx,
  table: typeof referralHandoffs | typeof referrals,
  actor: Actor,
  id: string,
  transition: Transition,
): Promise<AnswerResult> {
  const [row] = await tx
    .select({ status: table.status })
    .from(table)
    .where(and(eq(table.structureId, actor.structureId), eq(table.id, id)))
    .for('update');
  if (!row) return { ok: false, error: 'introuvable' };
  if (canTransition(row.status, transition)) return { ok: true };
  return { ok: false, error: row.status === 'close' ? 'deja_close' : 'deja_prise_en_compte' };
}

/** Le partenaire a bien reçu l'orientation et s'en occupe. */
export async function acknowledgeHandoff({ tx, actor, now }: RequestContext, id: string): Promise<AnswerResult> {
  const allowed = await answerable(tx, referralHandoffs, actor, id, 'prendre_en_compte');
  if (!allowed.ok) return allowed;
  await tx
    .update(referralHandoffs)
    .set({ status: 'prise_en_compte', acknowledgedAt: now, acknowledgedBy: actor.userId })
    .where(and(eq(referralHandoffs.structureId, actor.structureId), eq(referralHandoffs.id, id)));
  await recordAudit(tx, actor, 'orientation_recue.prise_en_compte', { type: 'orientation_recue', id });
  return { ok: true };
}

/** Le partenaire dit ce qu'il est advenu de la personne ; l'orientation est close. */
export async function recordHandoffOutcome({ tx, actor, now }: RequestContext, id: string, input: OutcomeInput): Promise<AnswerResult> {
  const allowed = await answerable(tx, referralHandoffs, actor, id, 'cloturer');
  if (!allowed.ok) return allowed;
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
}

/** Sans partenaire sur Relais (ou sans accord de partage), la structure qui oriente note elle-même le résultat. */
export async function recordOwnOutcome({ tx, actor, now }: RequestContext, id: string, input: OutcomeInput): Promise<AnswerResult> {
  const [row] = await tx
    .select({ partner: referrals.partnerStructureId })
    .from(referrals)
    .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, id)));
  if (!row || row.partner) return { ok: false, error: 'introuvable' };
  const allowed = await answerable(tx, referrals, actor, id, 'cloturer');
  if (!allowed.ok) return allowed;
  // Le lieu a répondu par son lien : c'est sa réponse qui compte. Sinon le lien est retiré, il ne changera plus rien.
  const link = (await currentLinks(tx, actor.structureId, [id])).get(id);
  if (link && link.status !== 'envoyee') return { ok: false, error: link.status === 'close' ? 'deja_close' : 'deja_prise_en_compte' };
  if (link)
    await tx
      .update(referralLinks)
      .set({ revokedAt: now })
      .where(and(eq(referralLinks.structureId, actor.structureId), eq(referralLinks.id, link.id)));
  await tx
    .update(referrals)
    .set({ status: 'close', outcome: input.outcome, refusalReason: input.refusalReason, outcomeComment: input.comment, outcomeAt: now })
    .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, id)));
  await recordAudit(tx, actor, 'orientation.close', { type: 'orientation', id }, { resultat: input.outcome });
  return { ok: true };
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
  const answerOf = await answersOf(
    tx,
    actor.structureId,
    rows.map((r) => r.referral),
  );
  return rows.map((r) => ({ ...r, state: stateOf(r.referral, answerOf(r.referral)) }));
}

async function arePartners(tx: Tx, a: string, b: string) {
  const [row] = await sqlRows<{ partners: boolean }>(tx, sql`select relais_partners(${a}, ${b}) as partners`);
  return row?.partners === true;
}
