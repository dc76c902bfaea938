// Le coffre-fort d'une personne (issue 21) : l'accord, donné une fois ; ajouter un papier (chiffré sous sa propre clé,
// enveloppée par celle de la personne, elle-même enveloppée par la clé maîtresse) ; lister, ouvrir (tracé), retirer
// (la clé détruite : les octets deviennent illisibles, même dans une sauvegarde).
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import type { AuditAction } from '../../platform/audit-actions';
import { recordAudit } from '../../platform/audit.server';
import type { FileStorage } from '../../platform/file-storage.server';
import type { RequestContext } from '../../platform/request.server';
import { users } from '../../platform/schema';
import { fullName } from '../../platform/text';
import { persons } from '../reception/schema';
import { decryptStream, encryptStream, newKey, unwrapKey, wrapKey } from './encryption.server';
import type { PreparedDocument } from './intake.server';
import { vaultDocuments, vaults } from './schema';
import type { DocumentKind } from './vocabulary';

const personPurpose = (vaultId: string) => `personne:${vaultId}`;
const documentPurpose = (storageName: string) => `document:${storageName}`;
const namePurpose = (storageName: string) => `nom:${storageName}`;

/**
 * Au journal de la structure : le geste d'un agent, ou celui de la personne (ou de l'organisme à qui elle a partagé),
 * qui passe par une fonction limitée aux actions du coffre sur ses propres cibles (drizzle/0055).
 */
export async function auditVault(
  tx: Tx,
  owner: VaultOwner,
  userId: string | null,
  action: AuditAction,
  target: { type: 'personne' | 'document' | 'partage'; id: string },
  details?: Record<string, unknown>,
) {
  if (userId) return recordAudit(tx, { structureId: owner.structureId, userId }, action, target, details);
  await tx.execute(
    sql`select relais_resident_vault_audit(${action}, ${target.type}, ${target.id}::uuid, ${details ? JSON.stringify(details) : null}::jsonb)`,
  );
}

export interface VaultOwner {
  structureId: string;
  personId: string;
}

async function vaultOf(tx: Tx, owner: VaultOwner) {
  const [vault] = await tx
    .select()
    .from(vaults)
    .where(and(eq(vaults.structureId, owner.structureId), eq(vaults.personId, owner.personId)));
  return vault ?? null;
}

/** Vrai si la personne a accepté le coffre et que sa clé existe (sinon rien ne s'y range). */
export async function vaultIsOpen(tx: Tx, owner: VaultOwner) {
  const vault = await vaultOf(tx, owner);
  return vault !== null && vault.wrappedKey !== null;
}

/** L'accord de la personne, recueilli par un agent (consentBy) ou donné par elle (null) ; sans effet s'il existe déjà. */
export async function openVault(tx: Tx, masterKey: Buffer, owner: VaultOwner, consentBy: string | null, now: Date) {
  const existing = await vaultOf(tx, owner);
  if (existing) return existing;
  const id = crypto.randomUUID();
  const [vault] = await tx
    .insert(vaults)
    .values({ ...owner, id, wrappedKey: wrapKey(masterKey, newKey(), personPurpose(id)), consentAt: now, consentBy })
    .returning();
  await auditVault(tx, owner, consentBy, 'coffre.ouvert', { type: 'personne', id: owner.personId });
  return vault!;
}

function personKey(masterKey: Buffer, vault: typeof vaults.$inferSelect) {
  if (!vault.wrappedKey) throw new Error('Le coffre-fort de cette personne a été détruit.');
  return unwrapKey(masterKey, vault.wrappedKey, personPurpose(vault.id));
}

/**
 * Changement de clé maîtresse (décision 028) : réenveloppe la clé de chaque personne d'une structure sous la nouvelle
 * clé. Les clés des papiers, enveloppées par celle de la personne, et les fichiers ne changent pas.
 */
export async function rewrapVaultKeys(tx: Tx, structureId: string, oldKey: Buffer, nextKey: Buffer) {
  const rows = await tx
    .select({ id: vaults.id, wrappedKey: vaults.wrappedKey })
    .from(vaults)
    .where(eq(vaults.structureId, structureId))
    .for('update');
  let rewrapped = 0;
  for (const row of rows) {
    if (!row.wrappedKey) continue;
    const key = unwrapKey(oldKey, row.wrappedKey, personPurpose(row.id));
    await tx
      .update(vaults)
      .set({ wrappedKey: wrapKey(nextKey, key, personPurpose(row.id)) })
      .where(eq(vaults.id, row.id));
    rewrapped++;
  }
  return rewrapped;
}

export interface NewDocument {
  kind: DocumentKind;
  issuedOn: string | null;
  expiresOn: string | null;
  fileName: string;
}

/**
 * Range un papier préparé (intake.server.ts) : chiffré en flux vers le stockage, puis sa ligne. Si la ligne ne
 * s'écrit pas, le fichier chiffré est retiré (et de toute façon, sans sa clé, il ne se lit pas).
 */
export async function storeDocument(
  tx: Tx,
  services: { masterKey: Buffer; files: FileStorage },
  owner: VaultOwner,
  details: NewDocument,
  prepared: PreparedDocument,
  addedBy: { userId: string | null; byPerson: boolean },
  now: Date,
) {
  const vault = await vaultOf(tx, owner);
  if (!vault) throw new Error('La personne n’a pas encore accepté le coffre-fort.');
  const fileKey = newKey();
  const storageName = crypto.randomBytes(24).toString('base64url');
  const sealed = Readable.from([prepared.bytes]).pipe(encryptStream(fileKey));
  await services.files.put(storageName, sealed);
  try {
    const [row] = await tx
      .insert(vaultDocuments)
      .values({
        ...owner,
        kind: details.kind,
        issuedOn: details.issuedOn,
        expiresOn: details.expiresOn,
        wrappedKey: wrapKey(personKey(services.masterKey, vault), fileKey, documentPurpose(storageName)),
        storageName,
        sealedName: wrapKey(fileKey, Buffer.from(details.fileName.slice(0, 200), 'utf8'), namePurpose(storageName)),
        contentType: prepared.contentType,
        sizeBytes: prepared.bytes.length,
        pageCount: prepared.pageCount,
        addedBy: addedBy.userId,
        addedByPerson: addedBy.byPerson,
        createdAt: now,
      })
      .returning({ id: vaultDocuments.id });
    await auditVault(tx, owner, addedBy.userId, 'coffre.document_ajoute', { type: 'document', id: row!.id });
    return row!.id;
  } catch (error) {
    await services.files.remove(storageName).catch(() => {});
    throw error;
  }
}

function documentKey(masterKey: Buffer, vault: typeof vaults.$inferSelect, document: { wrappedKey: string | null; storageName: string }) {
  if (!document.wrappedKey) return null;
  return unwrapKey(personKey(masterKey, vault), document.wrappedKey, documentPurpose(document.storageName));
}

/** Les papiers (présents et retirés) d'une personne, leurs noms déchiffrés ; null sans coffre. */
export async function listDocuments(tx: Tx, masterKey: Buffer, owner: VaultOwner) {
  const vault = await vaultOf(tx, owner);
  if (!vault) return null;
  const rows = await tx
    .select({
      id: vaultDocuments.id,
      kind: vaultDocuments.kind,
      issuedOn: vaultDocuments.issuedOn,
      expiresOn: vaultDocuments.expiresOn,
      wrappedKey: vaultDocuments.wrappedKey,
      storageName: vaultDocuments.storageName,
      sealedName: vaultDocuments.sealedName,
      contentType: vaultDocuments.contentType,
      sizeBytes: vaultDocuments.sizeBytes,
      pageCount: vaultDocuments.pageCount,
      addedByPerson: vaultDocuments.addedByPerson,
      addedBy: vaultDocuments.addedBy,
      createdAt: vaultDocuments.createdAt,
      removedAt: vaultDocuments.removedAt,
    })
    .from(vaultDocuments)
    .where(and(eq(vaultDocuments.structureId, owner.structureId), eq(vaultDocuments.personId, owner.personId)))
    .orderBy(desc(vaultDocuments.createdAt));
  const documents = rows.map(({ wrappedKey, storageName, sealedName, ...row }) => {
    const key = documentKey(masterKey, vault, { wrappedKey, storageName });
    return { ...row, fileName: key ? unwrapKey(key, sealedName, namePurpose(storageName)).toString('utf8') : null };
  });
  return { vault: { consentAt: vault.consentAt, destroyed: vault.destroyedAt !== null }, documents };
}

/** Le coffre d'une personne de la structure, vu par un agent : la lecture est tracée. null si la personne n'en est pas. */
export async function vaultForAgent({ tx, actor, services }: RequestContext, personId: string) {
  const [person] = await tx
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const contents = await listDocuments(tx, services.masterKey, { structureId: actor.structureId, personId });
  if (contents) await recordAudit(tx, actor, 'coffre.consulte', { type: 'personne', id: personId });
  // Le nom de l'agent qui a ajouté chaque papier : lu ici, la personne (portail) ne lit pas la table des comptes.
  const agentIds = [...new Set((contents?.documents ?? []).flatMap((d) => (d.addedBy ? [d.addedBy] : [])))];
  const names = new Map(
    agentIds.length === 0
      ? []
      : (await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, agentIds))).map((u) => [
          u.id,
          u.name,
        ]),
  );
  const documents = (contents?.documents ?? []).map((d) => ({ ...d, addedByName: d.addedBy ? (names.get(d.addedBy) ?? null) : null }));
  return {
    person: { id: person.id, label: fullName(person.firstName, person.lastName) },
    contents: contents && { vault: contents.vault, documents },
  };
}

/** Ouvre un papier : son contenu déchiffré en flux, tracé. null s'il n'existe pas, n'est pas de cette personne ou est retiré. */
export async function openDocument(
  tx: Tx,
  services: { masterKey: Buffer; files: FileStorage },
  owner: VaultOwner,
  documentId: string,
  openedBy: string | null,
  reason?: string,
) {
  const vault = await vaultOf(tx, owner);
  if (!vault || !vault.wrappedKey) return null;
  const [document] = await tx
    .select()
    .from(vaultDocuments)
    .where(
      and(
        eq(vaultDocuments.structureId, owner.structureId),
        eq(vaultDocuments.personId, owner.personId),
        eq(vaultDocuments.id, documentId),
        isNull(vaultDocuments.removedAt),
      ),
    );
  const key = document && documentKey(services.masterKey, vault, document);
  if (!document || !key) return null;
  // La personne qui ouvre son propre papier n'a pas à le tracer ; un agent, toujours, avec son motif.
  if (openedBy)
    await auditVault(
      tx,
      owner,
      openedBy,
      'coffre.document_ouvert',
      { type: 'document', id: document.id },
      reason ? { motif: reason } : undefined,
    );
  const storageName = document.storageName;
  return {
    contentType: document.contentType,
    fileName: unwrapKey(key, document.sealedName, namePurpose(storageName)).toString('utf8'),
    sizeBytes: document.sizeBytes,
    /**
     * Le contenu déchiffré en flux, lu seulement quand l'appelant le demande et le consomme aussitôt : un flux
     * commencé puis laissé de côté (le temps d'une requête) finirait en erreur sans personne pour l'écouter.
     */
    async stream(): Promise<Readable> {
      const stored = await services.files.get(storageName);
      if (!stored) throw new Error(`Fichier chiffré introuvable pour le papier ${document.id}.`);
      const plain = stored.pipe(decryptStream(key));
      stored.on('error', (error) => plain.destroy(error));
      return plain;
    },
  };
}

/**
 * Le papier entier, déchiffré et vérifié avant d'être rendu (15 Mo au plus) : un fichier altéré ou coupé lève
 * TamperedFileError ici, et la page peut le dire, au lieu d'un téléchargement interrompu.
 */
export async function readWhole(opened: NonNullable<Awaited<ReturnType<typeof openDocument>>>) {
  return { ...opened, bytes: await buffer(await opened.stream()) };
}

/**
 * Retire un papier : sa clé détruite, dans la transaction. Le fichier chiffré, désormais illisible, est effacé du
 * stockage par le worker une fois la transaction validée (housekeeping.server.ts).
 */
export async function removeDocument(tx: Tx, owner: VaultOwner, documentId: string, removedBy: string | null, now: Date) {
  const [removed] = await tx
    .update(vaultDocuments)
    .set({ wrappedKey: null, removedAt: now, removedBy })
    .where(
      and(
        eq(vaultDocuments.structureId, owner.structureId),
        eq(vaultDocuments.personId, owner.personId),
        eq(vaultDocuments.id, documentId),
        isNull(vaultDocuments.removedAt),
      ),
    )
    .returning({ id: vaultDocuments.id });
  if (!removed) return false;
  await auditVault(tx, owner, removedBy, 'coffre.document_retire', { type: 'document', id: removed.id });
  return true;
}

// Côté agent : les mêmes gestes, au nom de l'agent connecté, pour une personne de sa structure.

async function ownerForAgent({ tx, actor }: RequestContext, personId: string): Promise<VaultOwner | null> {
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  return person ? { structureId: actor.structureId, personId } : null;
}

export async function recordVaultConsent(ctx: RequestContext, personId: string) {
  const owner = await ownerForAgent(ctx, personId);
  if (!owner) return false;
  await openVault(ctx.tx, ctx.services.masterKey, owner, ctx.actor.userId, ctx.now);
  return true;
}

/** Le message d'un papier dont le fichier chiffré est altéré ou incomplet (détecté par l'étiquette GCM). */
export const DAMAGED_FILE_MESSAGE =
  "Le fichier chiffré de ce papier est abîmé (altéré ou incomplet) : il ne peut pas être ouvert. Prévenez l'administrateur de Relais ; la personne peut ranger le papier à nouveau.";

/** Pourquoi un papier n'a pas pu être rangé, en français : le disque plein, le stockage injoignable. */
export function storageFailureMessage(error: unknown): string | null {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return "Le disque du serveur est plein : le papier n'a pas été enregistré. Prévenez l'administrateur de Relais, puis réessayez.";
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND' || (error as { $metadata?: unknown }).$metadata)
    return "Le stockage des papiers ne répond pas : le papier n'a pas été enregistré. Réessayez dans un moment ; si cela dure, prévenez l'administrateur.";
  return null;
}

export async function addDocumentForAgent(ctx: RequestContext, personId: string, details: NewDocument, prepared: PreparedDocument) {
  const owner = await ownerForAgent(ctx, personId);
  if (!owner) return null;
  return storeDocument(ctx.tx, ctx.services, owner, details, prepared, { userId: ctx.actor.userId, byPerson: false }, ctx.now);
}

export async function openDocumentForAgent(ctx: RequestContext, personId: string, documentId: string, reason: string) {
  const owner = await ownerForAgent(ctx, personId);
  return owner ? openDocument(ctx.tx, ctx.services, owner, documentId, ctx.actor.userId, reason) : null;
}

export async function removeDocumentForAgent(ctx: RequestContext, personId: string, documentId: string) {
  const owner = await ownerForAgent(ctx, personId);
  return owner ? removeDocument(ctx.tx, owner, documentId, ctx.actor.userId, ctx.now) : false;
}
