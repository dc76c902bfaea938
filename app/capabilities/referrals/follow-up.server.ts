// Le suivi des orientations sans réponse, une fois par heure et par structure (worker) : une relance au lieu au plus
// tous les N jours (réglage de la structure), puis à 30 jours l'expiration, dont l'agent qui a orienté est prévenu.
// Les clés d'unicité des messages rendent ce travail rejouable sans double envoi.
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { places } from '../directory/schema';
import { structures, users } from '../../platform/schema';
import { referralHandoffs, referralLinks, referrals } from './schema';
import { transaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import type { Services } from '../../platform/services.server';
import { expiryEmail, reminderEmail } from './messages';
import { answersOf, stateOf } from './referrals.server';
import { linkUrl } from './partner-links.server';
import { followUpStep } from './rules';

const DAY_MS = 86_400_000;

export async function followUpReferrals(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const now = services.now();
    const [structure] = await tx
      .select({ name: structures.name, days: structures.referralReminderDays })
      .from(structures)
      .where(eq(structures.id, structureId));
    if (!structure) return 'structure introuvable';
    const rows = await tx
      .select({ referral: referrals, placeName: places.name, placeEmails: places.emails, agentEmail: users.email })
      .from(referrals)
      .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
      .leftJoin(users, eq(users.id, referrals.createdBy))
      .where(
        and(
          eq(referrals.structureId, structureId),
          eq(referrals.status, 'envoyee'),
          isNull(referrals.expiredAt),
          lte(referrals.createdAt, new Date(now.getTime() - structure.days * DAY_MS)),
          // Déjà répondue par le partenaire ou par le lien : plus rien à suivre.
          sql`not exists (select 1 from ${referralHandoffs} h where h.sender_structure_id = ${referrals.structureId} and h.id = ${referrals.id} and h.status <> 'envoyee')`,
          sql`not exists (select 1 from ${referralLinks} l where l.structure_id = ${referrals.structureId} and l.referral_id = ${referrals.id} and l.revoked_at is null and l.status <> 'envoyee')`,
        ),
      )
      .limit(2000);
    const answerOf = await answersOf(
      tx,
      structureId,
      rows.map((r) => r.referral),
    );
    let reminded = 0;
    let expired = 0;
    for (const { referral, placeName, placeEmails, agentEmail } of rows) {
      const answer = answerOf(referral);
      const step = followUpStep({ ...referral, status: stateOf(referral, answer).status, sentAt: referral.createdAt }, now, structure.days);
      const where = and(eq(referrals.structureId, structureId), eq(referrals.id, referral.id));
      if (step === 'relancer') {
        // Relancer qui peut répondre : le lieu par son lien, ou le partenaire sur Relais à l'adresse du lieu.
        const recipient = answer.link ? answer.link.sentTo : answer.handoff ? (placeEmails?.[0] ?? null) : null;
        if (!recipient) continue;
        const url = answer.link ? linkUrl(services, answer.link) : `${services.config.publicUrl}/orientations/recues/${referral.id}`;
        const text = reminderEmail({
          senderName: structure.name,
          placeName,
          url,
          sentAt: referral.createdAt,
          expiresAt: answer.link?.expiresAt ?? null,
        });
        const period = Math.floor((now.getTime() - referral.createdAt.getTime()) / (structure.days * DAY_MS));
        await enqueueMessage(
          tx,
          structureId,
          {
            channel: 'email',
            recipient,
            ...text,
            purpose: 'orientation.relance',
            subjectId: referral.id,
            dedupeKey: `orientation.relance:${referral.id}:${period}`,
          },
          now,
        );
        await tx
          .update(referrals)
          .set({ lastReminderAt: now, reminderCount: sql`${referrals.reminderCount} + 1` })
          .where(where);
        await recordAudit(
          tx,
          { structureId, userId: null },
          'orientation.relancee',
          { type: 'orientation', id: referral.id },
          { destinataire: 'lieu' },
        );
        reminded++;
      } else if (step === 'expirer') {
        await tx.update(referrals).set({ expiredAt: now }).where(where);
        if (agentEmail)
          await enqueueMessage(
            tx,
            structureId,
            {
              channel: 'email',
              recipient: agentEmail,
              ...expiryEmail({ placeName, url: `${services.config.publicUrl}/orientations/${referral.id}`, sentAt: referral.createdAt }),
              purpose: 'orientation.expiree',
              subjectId: referral.id,
              dedupeKey: `orientation.expiree:${referral.id}`,
            },
            now,
          );
        await recordAudit(tx, { structureId, userId: null }, 'orientation.expiree', { type: 'orientation', id: referral.id });
        expired++;
      }
    }
    return `${reminded} relance${reminded > 1 ? 's' : ''}, ${expired} expiration${expired > 1 ? 's' : ''}`;
  });
}

export const referralFollowUpJob: JobDefinition = {
  kind: 'orientations.suivi',
  label: 'Suivi des orientations sans réponse (relances, expirations)',
  periodMs: 3_600_000,
  run: (services, structureId) => followUpReferrals(services, structureId),
};
