// Les partages du coffre-fort, décidés par la personne (issue 21) : quels papiers, pour quel organisme, jusqu'à quand.
// L'organisme reçoit un lien signé et, dans un autre message, un code à usage unique ; le code accepté lie l'accès à
// un seul navigateur. Chaque papier vu ou téléchargé est noté et montré à la personne ; elle arrête le partage quand
// elle veut. Côté organisme, la transaction passe sous le rôle relais_resident réglé sur la personne qui a partagé :
// la RLS ne laisse que ses lignes, et le code ci-dessous s'en tient aux papiers du partage.
import crypto from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { actAsResident, applySettings } from '../../db/transaction.server';
import { randomToken, safeEqual, sha256Hex } from '../../platform/crypto.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import type { RequestContext, RequestScope } from '../../platform/request.server';
import { structures } from '../../platform/schema';
import { signLink, verifyLink, type LinkPurpose } from '../../platform/signed-link.server';
import { fullName } from '../../platform/text';
import type { Services } from '../../platform/services.server';
import { persons } from '../reception/schema';
import { MAX_CODE_ATTEMPTS, shareExpiry, shareStatus, type ShareRequest } from './rules';
import { shareCodeEmail, shareLinkEmail, shareMark, type ShareMessageContext } from './share-messages';
import { vaultDocuments, vaultShareEvents, vaultShares } from './schema';
import { auditVault, openDocument, readWhole, type VaultOwner } from './vault.server';
import { watermarkedPdf } from './watermark.server';

const SHARE_LINK: LinkPurpose = 'relais:partage-coffre:v1';
type ShareServices = Pick<Services, 'rootKey' | 'files' | 'config'>;
type ShareRow = typeof vaultShares.$inferSelect;

const codeKey = (key: Buffer) => crypto.createHmac('sha256', key).update('relais:code-partage:v1').digest();
const codeHashOf = (key: Buffer, shareId: string, code: string) =>
  crypto.createHmac('sha256', codeKey(key)).update(`${shareId}:${code}`).digest('hex');
const newCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');

export const shareUrl = (services: Pick<ShareServices, 'rootKey' | 'config'>, share: Pick<ShareRow, 'id' | 'expiresAt'>) =>
  `${services.config.publicUrl}/partage/${signLink(services.rootKey, SHARE_LINK, share.id, share.expiresAt)}`;

async function messageContext(tx: Tx, owner: VaultOwner, share: ShareRow): Promise<ShareMessageContext> {
  const [person] = await tx
    .select({ firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(and(eq(persons.structureId, owner.structureId), eq(persons.id, owner.personId)));
  const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, owner.structureId));
  return {
    personName: person ? fullName(person.firstName, person.lastName) : 'Une personne',
    structureName: structure?.name ?? 'Relais',
    recipientName: share.recipientName,
    documentCount: share.documentIds.length,
    expiresAt: share.expiresAt,
  };
}

/** Envoie un message du partage à l'organisme : par l'outbox pour un agent, par la fonction limitée pour la personne. */
async function send(
  tx: Tx,
  owner: VaultOwner,
  share: ShareRow,
  kind: 'lien' | 'code',
  text: { subject: string; body: string },
  byAgent: boolean,
  now: Date,
) {
  if (byAgent) {
    await enqueueMessage(
      tx,
      owner.structureId,
      {
        channel: 'email',
        recipient: share.recipientEmail!,
        ...text,
        purpose: `coffre.partage_${kind}`,
        subjectId: owner.personId,
        dedupeKey: `coffre.partage_${kind}:${share.id}:${share.codeHash ?? ''}`,
      },
      now,
    );
    return;
  }
  await tx.execute(sql`select relais_resident_share_message(${share.id}::uuid, ${kind}, ${now}, ${text.subject}, ${text.body})`);
}

/** Les papiers présents de la personne parmi ceux demandés. */
export async function presentDocuments(tx: Tx, owner: VaultOwner, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: vaultDocuments.id, kind: vaultDocuments.kind })
    .from(vaultDocuments)
    .where(
      and(
        eq(vaultDocuments.structureId, owner.structureId),
        eq(vaultDocuments.personId, owner.personId),
        inArray(vaultDocuments.id, ids),
        isNull(vaultDocuments.removedAt),
      ),
    );
}

/**
 * Crée un partage vers un organisme : le lien puis le code partent chacun dans leur message ; le code est aussi rendu
 * pour être montré à la personne (jamais gardé en clair). null si un papier n'est plus là.
 */
export async function createShare(
  tx: Tx,
  services: ShareServices,
  owner: VaultOwner,
  request: ShareRequest,
  createdBy: string | null,
  now: Date,
) {
  const present = await presentDocuments(tx, owner, request.documentIds);
  if (present.length !== request.documentIds.length) return null;
  const id = crypto.randomUUID();
  const code = newCode();
  const [share] = await tx
    .insert(vaultShares)
    .values({
      ...owner,
      id,
      documentIds: request.documentIds,
      recipientKind: 'organisme',
      recipientName: request.recipientName,
      recipientEmail: request.recipientEmail,
      codeHash: codeHashOf(services.rootKey, id, code),
      expiresAt: shareExpiry(now, request.duration),
      createdBy,
      createdAt: now,
    })
    .returning();
  await auditVault(tx, owner, createdBy, 'coffre.partage_cree', { type: 'partage', id }, { papiers: request.documentIds.length });
  const context = await messageContext(tx, owner, share!);
  await send(tx, owner, share!, 'lien', shareLinkEmail(context, shareUrl(services, share!)), createdBy !== null, now);
  await send(tx, owner, share!, 'code', shareCodeEmail(context, code), createdBy !== null, now);
  return { id, code, expiresAt: share!.expiresAt };
}

/** Un nouveau code pour un partage en cours (l'organisme a perdu le sien, ou l'a déjà utilisé ailleurs). */
export async function renewShareCode(tx: Tx, services: ShareServices, owner: VaultOwner, shareId: string, by: string | null, now: Date) {
  const code = newCode();
  const [share] = await tx
    .update(vaultShares)
    .set({ codeHash: codeHashOf(services.rootKey, shareId, code), codeUsedAt: null, codeAttempts: 0, accessHash: null })
    .where(
      and(
        eq(vaultShares.structureId, owner.structureId),
        eq(vaultShares.personId, owner.personId),
        eq(vaultShares.id, shareId),
        eq(vaultShares.recipientKind, 'organisme'),
        isNull(vaultShares.revokedAt),
        sql`${vaultShares.expiresAt} > ${now}`,
      ),
    )
    .returning();
  if (!share) return null;
  await auditVault(tx, owner, by, 'coffre.partage_code', { type: 'partage', id: shareId });
  await send(tx, owner, share, 'code', shareCodeEmail(await messageContext(tx, owner, share), code), by !== null, now);
  return { code };
}

/** Arrête un partage : le lien et l'accès déjà ouvert ne mènent plus à rien. false s'il était déjà arrêté. */
export async function revokeShare(tx: Tx, owner: VaultOwner, shareId: string, by: string | null, now: Date) {
  const [revoked] = await tx
    .update(vaultShares)
    .set({ revokedAt: now, accessHash: null })
    .where(
      and(
        eq(vaultShares.structureId, owner.structureId),
        eq(vaultShares.personId, owner.personId),
        eq(vaultShares.id, shareId),
        isNull(vaultShares.revokedAt),
      ),
    )
    .returning({ id: vaultShares.id });
  if (!revoked) return false;
  await auditVault(tx, owner, by, 'coffre.partage_retire', { type: 'partage', id: shareId });
  return true;
}

/** Les partages de la personne, du plus récent au plus ancien, avec leur état et chaque ouverture par l'organisme. */
export async function sharesOf(tx: Tx, owner: VaultOwner, now: Date) {
  const rows = await tx
    .select()
    .from(vaultShares)
    .where(and(eq(vaultShares.structureId, owner.structureId), eq(vaultShares.personId, owner.personId)))
    .orderBy(desc(vaultShares.createdAt))
    .limit(100);
  const events = await tx
    .select({
      shareId: vaultShareEvents.shareId,
      documentId: vaultShareEvents.documentId,
      action: vaultShareEvents.action,
      at: vaultShareEvents.occurredAt,
    })
    .from(vaultShareEvents)
    .where(and(eq(vaultShareEvents.structureId, owner.structureId), eq(vaultShareEvents.personId, owner.personId)))
    .orderBy(desc(vaultShareEvents.occurredAt))
    .limit(500);
  return rows.map((share) => ({
    id: share.id,
    recipientKind: share.recipientKind,
    recipientName: share.recipientName,
    recipientEmail: share.recipientEmail,
    documentIds: share.documentIds,
    createdAt: share.createdAt,
    expiresAt: share.expiresAt,
    revokedAt: share.revokedAt,
    status: shareStatus(share, now),
    blocked: share.codeAttempts >= MAX_CODE_ATTEMPTS,
    events: events.filter((e) => e.shareId === share.id),
  }));
}

/** Les partages d'une personne de la structure, vus par un agent depuis son coffre (la page est déjà tracée). */
export const sharesForAgent = ({ tx, actor, now }: RequestContext, personId: string) =>
  sharesOf(tx, { structureId: actor.structureId, personId }, now);

// Côté organisme : le lien, le code, les papiers marqués.

export type ShareAccess =
  | { ok: false; reason: 'invalide' | 'expire' | 'retire'; expiresAt?: Date }
  | { ok: true; share: ShareRow; owner: VaultOwner; state: 'code' | 'bloque' | 'deja_utilise' | 'ouvert' };

/** Vérifie le lien, passe la transaction sur la personne qui a partagé, et dit où en est l'accès de ce navigateur. */
export async function openShareLink({ tx, services, now }: RequestScope, token: string, accessToken: string | null): Promise<ShareAccess> {
  const check = verifyLink(services.rootKey, SHARE_LINK, token, now);
  if (!check.ok) return check;
  const [owner] = await sqlRows<{ structure_id: string; person_id: string }>(
    tx,
    sql`select structure_id, person_id from relais_vault_share_owner(${check.id}::uuid)`,
  );
  if (!owner) return { ok: false, reason: 'invalide' };
  await applySettings(tx, { structureId: owner.structure_id, personId: owner.person_id });
  await actAsResident(tx);
  const [share] = await tx
    .select()
    .from(vaultShares)
    .where(and(eq(vaultShares.structureId, owner.structure_id), eq(vaultShares.id, check.id)));
  if (!share) return { ok: false, reason: 'invalide' };
  const status = shareStatus(share, now);
  if (status === 'retire') return { ok: false, reason: 'retire' };
  if (status === 'expire') return { ok: false, reason: 'expire', expiresAt: share.expiresAt };
  const access = { ok: true as const, share, owner: { structureId: owner.structure_id, personId: owner.person_id } };
  if (accessToken && share.accessHash && safeEqual(sha256Hex(accessToken), share.accessHash)) return { ...access, state: 'ouvert' };
  if (share.codeAttempts >= MAX_CODE_ATTEMPTS) return { ...access, state: 'bloque' };
  return { ...access, state: share.codeUsedAt ? 'deja_utilise' : 'code' };
}

export type CodeResult = { ok: true; accessToken: string } | { ok: false; access: ShareAccess; wrongCode?: { remaining: number } };

/** Le code tapé par l'organisme : juste, il ouvre l'accès à ce seul navigateur ; faux, il compte un essai. */
export async function enterShareCode(scope: RequestScope, token: string, code: string): Promise<CodeResult> {
  const access = await openShareLink(scope, token, null);
  if (!access.ok || access.state !== 'code') return { ok: false, access };
  const { share } = access;
  const right =
    /^\d{6}$/.test(code) && share.codeHash !== null && safeEqual(codeHashOf(scope.services.rootKey, share.id, code), share.codeHash);
  if (!right) {
    const [counted] = await scope.tx
      .update(vaultShares)
      .set({ codeAttempts: sql`${vaultShares.codeAttempts} + 1` })
      .where(and(eq(vaultShares.structureId, share.structureId), eq(vaultShares.id, share.id)))
      .returning({ attempts: vaultShares.codeAttempts });
    const remaining = Math.max(0, MAX_CODE_ATTEMPTS - (counted?.attempts ?? MAX_CODE_ATTEMPTS));
    return { ok: false, access: remaining === 0 ? { ...access, state: 'bloque' } : access, wrongCode: { remaining } };
  }
  const accessToken = randomToken();
  await scope.tx
    .update(vaultShares)
    .set({ codeUsedAt: scope.now, accessHash: sha256Hex(accessToken), codeHash: null })
    .where(and(eq(vaultShares.structureId, share.structureId), eq(vaultShares.id, share.id)));
  return { ok: true, accessToken };
}

/** Ce que l'organisme lit en tête de page : qui lui transmet, pour qui, jusqu'à quand. */
export async function shareHeader(tx: Tx, access: Extract<ShareAccess, { ok: true }>) {
  const context = await messageContext(tx, access.owner, access.share);
  return { ...context, createdAt: access.share.createdAt };
}

/** Les papiers d'un partage ouvert (sans leur contenu) : ceux que la personne a retirés depuis n'y sont plus. */
export async function sharedDocuments(tx: Tx, access: Extract<ShareAccess, { ok: true }>) {
  return tx
    .select({
      id: vaultDocuments.id,
      kind: vaultDocuments.kind,
      issuedOn: vaultDocuments.issuedOn,
      expiresOn: vaultDocuments.expiresOn,
      pageCount: vaultDocuments.pageCount,
    })
    .from(vaultDocuments)
    .where(
      and(
        eq(vaultDocuments.structureId, access.owner.structureId),
        eq(vaultDocuments.personId, access.owner.personId),
        inArray(vaultDocuments.id, access.share.documentIds),
        isNull(vaultDocuments.removedAt),
      ),
    );
}

/** Un papier du partage, marqué, en PDF ; noté (vu ou téléchargé) pour la personne et au journal. null sinon. */
export async function sharedDocumentPdf(
  scope: RequestScope,
  access: Extract<ShareAccess, { ok: true }>,
  documentId: string,
  action: 'vu' | 'telecharge',
) {
  if (access.state !== 'ouvert' || !access.share.documentIds.includes(documentId)) return null;
  const { tx, services, now } = scope;
  const opened = await openDocument(tx, services, access.owner, documentId, null);
  if (!opened) return null;
  const context = await messageContext(tx, access.owner, access.share);
  const pdf = await watermarkedPdf(
    (await readWhole(opened)).bytes,
    opened.contentType,
    shareMark(context.personName, access.share.createdAt, access.share.recipientName),
  );
  await tx.insert(vaultShareEvents).values({ ...access.owner, shareId: access.share.id, documentId, action, occurredAt: now });
  await auditVault(
    tx,
    access.owner,
    null,
    'coffre.partage_document_ouvert',
    { type: 'document', id: documentId },
    {
      partage: access.share.id,
      geste: action,
    },
  );
  return pdf;
}
