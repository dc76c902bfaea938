// Les orientations vers un lieu sans compte sur Relais : le minimum (nom, contact, motif) est rangé dans
// referral_links et le lieu le lit par un lien signé qui expire. Le porteur du lien ne voit que cette ligne (RLS,
// réglage relais.referral_link) ; il la prend en compte puis dit ce qu'il est advenu ; une fois close, le lien ne
// change plus rien. La structure qui oriente peut retirer le lien et en créer un nouveau.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/database.server';
import { referralLinks, referrals } from './schema';
import { applySettings } from '../../db/transaction.server';
import type { AuditAction } from '../../platform/audit-actions';
import { recordAudit } from '../../platform/audit.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import type { Actor } from '../../platform/policies';
import type { RequestScope } from '../../platform/request.server';
import type { Services } from '../../platform/services.server';
import { newReferralEmail } from './messages';
import { signLink, verifyLink, type LinkPurpose } from '../../platform/signed-link.server';
import { canTransition, linkExpiry, type OutcomeInput } from './rules';
import type { RequestContext } from '../../platform/request.server';

const LINK_PURPOSE: LinkPurpose = 'relais:lien-orientation:v1';

export type LinkRow = typeof referralLinks.$inferSelect;
type Minimum = Omit<typeof referralLinks.$inferInsert, 'structureId' | 'referralId' | 'expiresAt' | 'createdBy'>;

/** Ce qu'il faut pour créer et signer un lien : la clé, l'adresse publique de Relais, l'heure. */
export type LinkContext = Pick<Services, 'rootKey' | 'now'> & { config: Pick<Services['config'], 'publicUrl'> };

export const linkUrl = (services: Omit<LinkContext, 'now'>, link: Pick<LinkRow, 'id' | 'expiresAt'>) =>
  `${services.config.publicUrl}/lien/orientation/${signLink(services.rootKey, LINK_PURPOSE, link.id, link.expiresAt)}`;

/** Crée le lien (valable 30 jours) et, si le lieu a une adresse, le lui envoie par l'outbox. */
export async function createLink(tx: Tx, services: LinkContext, actor: Actor, referralId: string, minimum: Minimum) {
  const now = services.now();
  const [link] = await tx
    .insert(referralLinks)
    .values({ ...minimum, structureId: actor.structureId, referralId, expiresAt: linkExpiry(now), createdAt: now, createdBy: actor.userId })
    .returning();
  if (link!.sentTo)
    await enqueueMessage(
      tx,
      actor.structureId,
      {
        channel: 'email',
        recipient: link!.sentTo,
        ...newReferralEmail({
          senderName: link!.senderName,
          placeName: link!.placeName,
          url: linkUrl(services, link!),
          expiresAt: link!.expiresAt,
        }),
        purpose: 'orientation.lien',
        subjectId: referralId,
        dedupeKey: `orientation.lien:${link!.id}`,
      },
      now,
    );
  return link!;
}

/** Le lien en vigueur de chaque orientation (le plus récent non retiré), lu par la structure qui oriente. */
export async function currentLinks(tx: Tx, structureId: string, referralIds: string[]) {
  if (referralIds.length === 0) return new Map<string, LinkRow>();
  const rows = await tx
    .select()
    .from(referralLinks)
    .where(and(eq(referralLinks.structureId, structureId), inArray(referralLinks.referralId, referralIds), isNull(referralLinks.revokedAt)))
    .orderBy(desc(referralLinks.createdAt));
  const map = new Map<string, LinkRow>();
  for (const row of rows) if (!map.has(row.referralId)) map.set(row.referralId, row);
  return map;
}

export type RenewResult = { ok: true } | { ok: false; error: 'introuvable' | 'sans_lien' | 'deja_close' };

/** Retire le lien en vigueur et en crée un nouveau (perdu, expiré, envoyé à la mauvaise adresse). */
export async function renewLink({ tx, actor, now, services }: RequestContext, referralId: string): Promise<RenewResult> {
  const [referral] = await tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.structureId, actor.structureId), eq(referrals.id, referralId)));
  if (!referral) return { ok: false, error: 'introuvable' };
  const current = (await currentLinks(tx, actor.structureId, [referralId])).get(referralId);
  if (!current) return { ok: false, error: 'sans_lien' };
  if (current.status === 'close') return { ok: false, error: 'deja_close' };
  await tx
    .update(referralLinks)
    .set({ revokedAt: now })
    .where(and(eq(referralLinks.structureId, actor.structureId), eq(referralLinks.id, current.id)));
  const { id: _id, structureId: _s, referralId: _r, expiresAt: _e, revokedAt: _v, createdAt: _c, createdBy: _b, ...minimum } = current;
  const link = await createLink(tx, services, actor, referralId, minimum);
  await recordAudit(
    tx,
    actor,
    'orientation.lien_renouvele',
    { type: 'orientation', id: referralId },
    { ancien: current.id, nouveau: link.id },
  );
  return { ok: true };
}

export type LinkAccess = { ok: true; link: LinkRow } | { ok: false; reason: 'invalide' | 'expire' | 'retire'; expiresAt?: Date };

/** Vérifie le lien puis lit sa seule ligne ; la base ne rend rien d'un lien retiré ou expiré. */
async function open(tx: Tx, services: Services, token: string): Promise<LinkAccess> {
  const check = verifyLink(services.rootKey, LINK_PURPOSE, token, services.now());
  if (!check.ok) return check;
  await tx.execute(sql`select set_config('relais.referral_link', ${check.id}, true)`);
  const [link] = await tx.select().from(referralLinks).where(eq(referralLinks.id, check.id));
  if (!link) return { ok: false, reason: 'retire' };
  return { ok: true, link };
}

/** Ce que voit le lieu : le minimum transmis, et rien d'autre. La lecture est tracée chez la structure qui oriente. */
export async function readByLink({ tx, services }: RequestScope, token: string): Promise<LinkAccess> {
  const access = await open(tx, services, token);
  if (access.ok) await audit(tx, access.link, 'orientation_lien.consultee');
  return access;
}

export type LinkAnswer = LinkAccess | { ok: false; reason: 'deja_close' | 'deja_prise_en_compte'; link: LinkRow };

export async function acknowledgeByLink(scope: RequestScope, token: string): Promise<LinkAnswer> {
  return answer(
    scope,
    token,
    'prendre_en_compte',
    { status: 'prise_en_compte', acknowledgedAt: scope.now },
    'orientation_lien.prise_en_compte',
  );
}

export async function recordOutcomeByLink(
  scope: RequestScope,
  token: string,
  input: OutcomeInput & { answeredBy: string | null },
): Promise<LinkAnswer> {
  const { now } = scope;
  return answer(
    scope,
    token,
    'cloturer',
    {
      status: 'close',
      outcome: input.outcome,
      refusalReason: input.refusalReason,
      comment: input.comment,
      answeredBy: input.answeredBy,
      outcomeAt: now,
      acknowledgedAt: sql`coalesce(${referralLinks.acknowledgedAt}, ${now})`,
    },
    'orientation_lien.close',
  );
}

async function answer(
  { tx, services }: RequestScope,
  token: string,
  transition: 'prendre_en_compte' | 'cloturer',
  change: PgUpdateSetSource<typeof referralLinks>,
  action: AuditAction,
): Promise<LinkAnswer> {
  const access = await open(tx, services, token);
  if (!access.ok) return access;
  // La politique de mise à jour ne rend plus une ligne close : le verrou n'en trouve alors aucune.
  const [row] = await tx
    .select({ status: referralLinks.status })
    .from(referralLinks)
    .where(eq(referralLinks.id, access.link.id))
    .for('update');
  const status = row?.status ?? access.link.status;
  if (!canTransition(status, transition))
    return { ok: false, reason: status === 'close' ? 'deja_close' : 'deja_prise_en_compte', link: access.link };
  const [updated] = await tx.update(referralLinks).set(change).where(eq(referralLinks.id, access.link.id)).returning();
  await audit(tx, updated!, action, transition === 'cloturer' ? { resultat: updated!.outcome } : undefined);
  return { ok: true, link: updated! };
}

/** La trace va au journal de la structure qui oriente : la transaction ne s'y ouvre qu'au moment d'écrire. */
async function audit(tx: Tx, link: LinkRow, action: AuditAction, details?: Record<string, unknown>) {
  await applySettings(tx, { structureId: link.structureId });
  await recordAudit(
    tx,
    { structureId: link.structureId, userId: null },
    action,
    { type: 'orientation', id: link.referralId },
    { lien: link.id, ...details },
  );
}
