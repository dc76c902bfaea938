// Les orientations de la démonstration, sur les trois derniers mois : vers la médiathèque (partenaire sur Relais,
// qui a répondu à la plupart), vers des lieux sans compte prévenus par un lien signé (qui ont souvent répondu par
// lui), vers d'autres sans rien transmettre (la structure a noté le résultat), vers le CCAS de la commune voisine
// après un déménagement. Quelques-unes attendent encore : à relancer, et une expirée. Des fiches sont parties par SMS.
import { and, asc, count, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { places } from '../directory/schema';
import { memberships, outbox, structures, users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { referralHandoffs, referralLinks, referrals } from '../referrals/schema';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import { slipSms } from '../referrals/messages';
import { createLink, type LinkContext } from '../referrals/partner-links.server';
import { personLabel } from '../mandates/mandates.server';
import type { Channel, Outcome, RefusalReason } from '../referrals/vocabulary';
import { random } from './story';

const DAY = 86_400_000;

const REASONS = [
  {
    reason: 'Ateliers « premiers pas » pour apprendre à utiliser sa messagerie seul(e).',
    toBring: 'Son téléphone et ses codes de messagerie (à garder pour soi).',
  },
  {
    reason: 'Déclaration trimestrielle CAF à finir avec un conseiller.',
    toBring: 'Notification CAF, trois derniers bulletins de salaire.',
  },
  { reason: 'Créer son compte ameli et télécharger une attestation de droits.', toBring: 'Carte Vitale, pièce d’identité.' },
  {
    reason: 'Renouveler son titre de séjour sur le site de l’ANEF.',
    toBring: 'Titre de séjour actuel, justificatif de domicile, photos d’identité.',
  },
  { reason: 'Emprunter un ordinateur et apprendre à scanner des documents.', toBring: 'Les documents à numériser.' },
  { reason: 'Demande de logement social à mettre à jour.', toBring: 'Numéro unique de demande, avis d’imposition.' },
];

const OUTCOMES: Array<[Outcome, RefusalReason | null]> = [
  ['venue', null],
  ['accompagnee', null],
  ['accompagnee', null],
  ['venue', null],
  ['non_venue', null],
  ['reorientee', null],
  ['refusee', 'complet'],
  ['refusee', 'injoignable'],
];

export async function referralsSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(referrals).where(eq(referrals.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/** Un message de la démonstration est déjà parti, à la date de l'orientation. */
const markSent = (tx: Tx, structureId: string, referralId: string, at: Date) =>
  tx
    .update(outbox)
    .set({ status: 'envoye', attempts: 1, sentAt: at })
    .where(and(eq(outbox.structureId, structureId), eq(outbox.subjectId, referralId)));

export async function writeDemoReferrals(
  tx: Tx,
  slug: string,
  structureIds: ReadonlyMap<string, string>,
  howMany: number,
  today: Date,
  links: Omit<LinkContext, 'now'>,
) {
  const structureId = structureIds.get(slug)!;
  const next = random(slug.length * 7919);
  const people = await tx
    .select()
    .from(persons)
    .where(eq(persons.structureId, structureId))
    .orderBy(asc(persons.createdAt))
    .limit(howMany * 3);
  const [mediator] = await tx
    .select({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.structureId, structureId), eq(memberships.role, 'mediateur')))
    .limit(1);
  const [from] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, structureId));
  const directory = await tx.select().from(places).where(eq(places.structureId, structureId)).orderBy(asc(places.name));
  const partnered = directory.filter((p) => p.partnerStructureId);
  const others = directory.filter((p) => !p.partnerStructureId);
  const reachable = others.filter((p) => p.emails?.length);
  if (!mediator || people.length === 0 || directory.length === 0) return;

  for (let i = 0; i < howMany; i++) {
    const person = people[Math.floor(next() * people.length)]!;
    // Un tiers vers un partenaire sur Relais, un tiers vers un lieu prévenu par un lien signé (avec l'accord de la
    // personne), le reste sans rien transmettre ; la plus ancienne a expiré, les plus récentes attendent.
    const viaLink = i % 3 === 1 && reachable.length > 0;
    const place =
      i % 3 === 0 && partnered.length
        ? partnered[(i / 3) % partnered.length]!
        : viaLink
          ? reachable[Math.floor(next() * reachable.length)]!
          : others[Math.floor(next() * others.length)]!;
    const daysAgo = i === 0 ? 45 : Math.floor(next() * 90);
    // Envoyée pendant une permanence, entre 9 h et 17 h (et jamais dans le futur).
    const sentAt = new Date(
      Math.min(new Date(today.getTime() - daysAgo * DAY).setHours(9 + Math.floor(next() * 8), 15, 0, 0), today.getTime()),
    );
    // Vers un lieu partenaire (médiathèque, CCAS voisin) : ateliers, matériel, compte ameli ; ailleurs, toutes les démarches.
    const { reason, toBring } = place.partnerStructureId
      ? REASONS[[0, 4, 2][Math.floor(i / 3) % 3]!]!
      : REASONS[Math.floor(next() * REASONS.length)]!;
    const channel: Channel = (['seule', 'rendez_vous', 'accompagnee'] as const)[i % 3]!;
    const appointmentAt = channel === 'rendez_vous' ? new Date(new Date(sentAt.getTime() + 3 * DAY).setHours(14, 0, 0, 0)) : null;
    const answered = i !== 0 && daysAgo > 5 && next() < 0.8;
    const answeredByLink = next() < 0.6;
    const [outcome, refusalReason] = OUTCOMES[Math.floor(next() * OUTCOMES.length)]!;
    const answeredAt = new Date(sentAt.getTime() + (1 + Math.floor(next() * 6)) * DAY);
    const closed = answered
      ? { status: 'close' as const, outcome, refusalReason, outcomeAt: answeredAt }
      : { status: 'envoyee' as const, outcome: null, refusalReason: null, outcomeAt: null };
    const partnerId = place.partnerStructureId;
    const [referral] = await tx
      .insert(referrals)
      .values({
        structureId,
        personId: person.id,
        placeId: place.id,
        partnerStructureId: partnerId,
        reason,
        toBring,
        channel,
        appointmentAt,
        consentShare: partnerId !== null || viaLink,
        createdAt: sentAt,
        createdBy: mediator.id,
        ...(partnerId || (viaLink && answeredByLink)
          ? {}
          : { ...closed, outcomeComment: answered ? 'Rappel de la personne : démarche faite.' : null }),
      })
      .returning();
    const minimum = {
      senderName: from!.name,
      senderAgentName: mediator.name,
      placeName: place.name,
      personName: personLabel(person),
      personContact: person.phone ?? person.email,
      reason,
      toBring,
      channel,
      appointmentAt,
      createdAt: sentAt,
    };
    if (i % 4 === 2 && person.phone) {
      const slip = { place, reason, toBring, appointmentAt, structureName: from!.name };
      await enqueueMessage(
        tx,
        structureId,
        {
          channel: 'sms',
          recipient: person.phone,
          body: slipSms(slip),
          purpose: 'orientation.fiche',
          subjectId: referral!.id,
          dedupeKey: `orientation.fiche:${referral!.id}:sms`,
        },
        sentAt,
      );
    }
    if (viaLink) {
      const actor = { structureId, userId: mediator.id, role: 'mediateur' as const };
      const link = await createLink(tx, { ...links, now: () => sentAt }, actor, referral!.id, { ...minimum, sentTo: place.emails![0]! });
      if (answered && answeredByLink)
        await tx
          .update(referralLinks)
          .set({
            ...closed,
            acknowledgedAt: new Date(sentAt.getTime() + DAY),
            answeredBy: 'L’accueil du lieu',
            comment: outcome === 'accompagnee' ? 'Dossier complété ensemble.' : null,
          })
          .where(and(eq(referralLinks.structureId, structureId), eq(referralLinks.id, link.id)));
      // La structure a noté elle-même le résultat : le lien a été retiré à ce moment.
      else if (answered)
        await tx
          .update(referralLinks)
          .set({ revokedAt: answeredAt })
          .where(and(eq(referralLinks.structureId, structureId), eq(referralLinks.id, link.id)));
    }
    await markSent(tx, structureId, referral!.id, sentAt);
    if (!partnerId) continue;
    await tx.insert(referralHandoffs).values({
      structureId: partnerId,
      id: referral!.id,
      senderStructureId: structureId,
      ...minimum,
      ...closed,
      acknowledgedAt: answered ? new Date(sentAt.getTime() + DAY) : null,
      comment: answered && outcome === 'accompagnee' ? 'Inscrite aux ateliers du mardi.' : null,
    });
  }
}
