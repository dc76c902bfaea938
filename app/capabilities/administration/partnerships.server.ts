// Les partenariats de la structure : une structure en propose un à une autre de l'instance, qui l'accepte ou le
// refuse ; chacune peut y mettre fin. Seul un partenariat accepté permet de transmettre le minimum d'une orientation
// (politique referral_handoffs_envoi, migration 0031) ; un lieu de l'annuaire ne se relie qu'à un partenaire accepté.
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { partnerships, structures } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { isUniqueViolation } from '../../db/database.server';

export type PartnershipView = {
  id: string;
  otherId: string;
  otherName: string;
  /** « envoyee » : nous l'avons proposé ; « recue » : l'autre structure nous le propose. */
  direction: 'envoyee' | 'recue';
  status: 'proposee' | 'acceptee';
};

/** Les partenariats en cours (proposés ou acceptés), avec le nom de l'autre structure. */
export async function partnershipsOf({ tx, actor }: RequestContext): Promise<PartnershipView[]> {
  const proposer = alias(structures, 'proposer');
  const partner = alias(structures, 'partner');
  const rows = await tx
    .select({
      id: partnerships.id,
      structureId: partnerships.structureId,
      partnerId: partnerships.partnerId,
      proposerName: proposer.name,
      partnerName: partner.name,
      status: partnerships.status,
    })
    .from(partnerships)
    .innerJoin(proposer, eq(proposer.id, partnerships.structureId))
    .innerJoin(partner, eq(partner.id, partnerships.partnerId))
    .where(sql`${partnerships.status} in ('proposee', 'acceptee')`)
    .orderBy(asc(partnerships.createdAt));
  return rows.map((row) => {
    const sent = row.structureId === actor.structureId;
    return {
      id: row.id,
      otherId: sent ? row.partnerId : row.structureId,
      otherName: sent ? row.partnerName : row.proposerName,
      direction: sent ? 'envoyee' : 'recue',
      status: row.status === 'acceptee' ? 'acceptee' : 'proposee',
    };
  });
}

/** Les structures à qui proposer un partenariat : toutes les autres de l'instance (leurs noms sont publics). */
export async function otherStructures({ tx, actor }: RequestContext) {
  const rows = await tx.select({ id: structures.id, name: structures.name }).from(structures).orderBy(asc(structures.name)).limit(2000);
  return rows.filter((row) => row.id !== actor.structureId);
}

export type PartnershipResult = { ok: true } | { ok: false; error: 'structure_inconnue' | 'deja_partenaires' | 'partenariat_introuvable' };

export async function proposePartnership(ctx: RequestContext, partnerId: string): Promise<PartnershipResult> {
  const { tx, actor, now } = ctx;
  if (partnerId === actor.structureId) return { ok: false, error: 'structure_inconnue' };
  const [partner] = await tx.select({ id: structures.id }).from(structures).where(eq(structures.id, partnerId));
  if (!partner) return { ok: false, error: 'structure_inconnue' };
  try {
    const [row] = await tx.transaction((savepoint) =>
      savepoint
        .insert(partnerships)
        .values({ structureId: actor.structureId, partnerId, proposedBy: actor.userId, createdAt: now })
        .returning({ id: partnerships.id }),
    );
    await recordAudit(tx, actor, 'partenariat.propose', { type: 'partenariat', id: row!.id }, { partenaire: partnerId });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'deja_partenaires' };
    throw error;
  }
}

export type PartnershipAnswer = 'accepter' | 'refuser' | 'terminer';

/** Accepter ou refuser une proposition reçue ; mettre fin à un partenariat (ou retirer une proposition). */
export async function answerPartnership(
  { tx, actor, now }: RequestContext,
  id: string,
  answer: PartnershipAnswer,
): Promise<PartnershipResult> {
  const mine = or(eq(partnerships.structureId, actor.structureId), eq(partnerships.partnerId, actor.structureId));
  const [current] = await tx
    .select()
    .from(partnerships)
    .where(and(eq(partnerships.id, id), mine));
  const allowed =
    current &&
    (answer === 'terminer'
      ? current.status === 'proposee' || current.status === 'acceptee'
      : current.status === 'proposee' && current.partnerId === actor.structureId);
  if (!allowed) return { ok: false, error: 'partenariat_introuvable' };
  const status = answer === 'accepter' ? 'acceptee' : answer === 'refuser' ? 'refusee' : 'terminee';
  await tx
    .update(partnerships)
    .set({ status, answeredAt: current.answeredAt ?? now, answeredBy: current.answeredBy ?? actor.userId })
    .where(and(eq(partnerships.structureId, current.structureId), eq(partnerships.id, id)));
  const action = answer === 'accepter' ? 'partenariat.accepte' : answer === 'refuser' ? 'partenariat.refuse' : 'partenariat.termine';
  await recordAudit(tx, actor, action, { type: 'partenariat', id });
  return { ok: true };
}
