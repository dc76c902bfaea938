// Ce que la page d'accueil montre des orientations : les miennes qui attendent une réponse, celles de la structure à
// relancer, et pour un partenaire celles qu'il a reçues sans les avoir prises en compte.
import { and, asc, eq } from 'drizzle-orm';
import type { RequestContext } from '../../platform/request.server';
import { listSentReferrals } from './referrals.server';
import { referralHandoffs } from './schema';

/** Les orientations sans réponse au-delà du délai de relance : toutes celles de la structure, et les miennes. */
export async function referralsToFollow(ctx: RequestContext) {
  const { rows, reminderDays } = await listSentReferrals(ctx, 'a_relancer', 1000);
  const mine = rows.filter((r) => r.referral.createdBy === ctx.actor.userId);
  return {
    reminderDays,
    structureCount: rows.length,
    mine: mine.slice(0, 5).map((r) => ({ id: r.referral.id, person: r.person, place: r.placeName, sentAt: r.referral.createdAt })),
    mineCount: mine.length,
  };
}

/** Orientations reçues d'une autre structure, pas encore prises en compte : la plus ancienne d'abord. */
export async function handoffsToAcknowledge({ tx, actor }: RequestContext) {
  const rows = await tx
    .select({
      id: referralHandoffs.id,
      personName: referralHandoffs.personName,
      senderName: referralHandoffs.senderName,
      createdAt: referralHandoffs.createdAt,
    })
    .from(referralHandoffs)
    .where(and(eq(referralHandoffs.structureId, actor.structureId), eq(referralHandoffs.status, 'envoyee')))
    .orderBy(asc(referralHandoffs.createdAt))
    .limit(50);
  return rows;
}
