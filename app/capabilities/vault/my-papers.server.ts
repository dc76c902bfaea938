// « Mes papiers » dans le portail : les mêmes gestes que l'agent, faits par la personne elle-même, sous le rôle
// relais_resident (la RLS ne laisse que ses lignes, drizzle/0055). Son accord se donne en cochant une case ; ses
// propres ouvertures ne sont pas tracées ; ce qu'un organisme ouvre lui est montré.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ResidentScope } from '../portal/resident-pages.server';
import type { PreparedDocument } from './intake.server';
import { checkPartnerShareRequest, checkShareRequest } from './rules';
import { createPartnerShare, partnerChoices } from './partner-shares.server';
import { vaultDocuments } from './schema';
import { createShare, renewShareCode, revokeShare, sharesOf } from './shares.server';
import { listDocuments, openDocument, openVault, removeDocument, storeDocument, type NewDocument, type VaultOwner } from './vault.server';

const ownerOf = ({ resident }: ResidentScope): VaultOwner => ({ structureId: resident.structureId, personId: resident.personId });

/** Le coffre de la personne : son accord, ses papiers (présents et détruits), ses partages. */
export async function myPapers(scope: ResidentScope) {
  const owner = ownerOf(scope);
  const contents = await listDocuments(scope.tx, scope.services.masterKey, owner);
  return {
    open: contents !== null && !contents.vault.destroyed,
    documents: contents?.documents ?? [],
    shares: contents ? await sharesOf(scope.tx, owner, scope.now) : [],
  };
}

/** Les papiers présents de la personne (identifiant et type), sans rien déchiffrer : ce qu'on peut partager. */
export async function myPresentPapers({ tx, resident }: ResidentScope) {
  return tx
    .select({ id: vaultDocuments.id, kind: vaultDocuments.kind })
    .from(vaultDocuments)
    .where(
      and(
        eq(vaultDocuments.structureId, resident.structureId),
        eq(vaultDocuments.personId, resident.personId),
        isNull(vaultDocuments.removedAt),
      ),
    )
    .orderBy(desc(vaultDocuments.createdAt));
}

export const acceptVault = (scope: ResidentScope) => openVault(scope.tx, scope.services.masterKey, ownerOf(scope), null, scope.now);

export async function addMyPaper(scope: ResidentScope, details: NewDocument, prepared: PreparedDocument) {
  return storeDocument(scope.tx, scope.services, ownerOf(scope), details, prepared, { userId: null, byPerson: true }, scope.now);
}

export const openMyPaper = (scope: ResidentScope, documentId: string) =>
  openDocument(scope.tx, scope.services, ownerOf(scope), documentId, null);

export const removeMyPaper = (scope: ResidentScope, documentId: string) =>
  removeDocument(scope.tx, ownerOf(scope), documentId, null, scope.now);

/** Partage des papiers avec un organisme ; les problèmes de la demande, champ par champ, sinon le code à montrer. */
export async function shareMyPapers(
  scope: ResidentScope,
  input: { documentIds: string[]; recipientName: string; recipientEmail: string; duration: string },
) {
  const present = new Set((await myPresentPapers(scope)).map((d) => d.id));
  const checked = checkShareRequest(input, present);
  if (!checked.ok) return checked;
  const created = await createShare(scope.tx, scope.services, ownerOf(scope), checked.value, null, scope.now);
  if (!created) return { ok: false as const, problem: { papiers: 'invalide' as const } };
  return { ok: true as const, ...created, recipientEmail: checked.value.recipientEmail };
}

export const stopMyShare = (scope: ResidentScope, shareId: string) => revokeShare(scope.tx, ownerOf(scope), shareId, null, scope.now);

export const renewMyShareCode = (scope: ResidentScope, shareId: string) =>
  renewShareCode(scope.tx, scope.services, ownerOf(scope), shareId, null, scope.now);

/** Les orientations de la personne vers une structure partenaire sur Relais : elle peut y envoyer ses papiers. */
export const myPartnerChoices = (scope: ResidentScope) => partnerChoices(scope.tx, ownerOf(scope));

/** Partage des papiers avec la structure partenaire d'une de ses orientations ; les problèmes, champ par champ. */
export async function shareMyPapersWithPartner(
  scope: ResidentScope,
  input: { documentIds: string[]; referralId: string; duration: string },
) {
  const present = new Set((await myPresentPapers(scope)).map((d) => d.id));
  const choices = await myPartnerChoices(scope);
  const checked = checkPartnerShareRequest(input, present, new Set(choices.map((c) => c.referralId)));
  if (!checked.ok) return checked;
  const choice = choices.find((c) => c.referralId === checked.value.referralId)!;
  const created = await createPartnerShare(scope.tx, ownerOf(scope), checked.value, choice, null, scope.now);
  if (!created) return { ok: false as const, problem: { papiers: 'invalide' as const } };
  return { ok: true as const, ...created };
}
