// « Mes papiers » dans le portail : les mêmes gestes que l'agent, faits par la personne elle-même, sous le rôle
// relais_resident (la RLS ne laisse que ses lignes, drizzle/0055). Son accord se donne en cochant une case ; ses
// propres ouvertures ne sont pas tracées ; ce qu'un organisme ouvre lui est montré.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ResidentScope } from '../portal/resident-pages.server';
import type { PreparedDocument } from './intake.server';
import { checkChosenShareRequest, checkShareRequest } from './rules';
import { createChosenShare, helperChoices, partnerChoices, type ChosenRecipient } from './chosen-shares.server';
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

/**
 * À qui la personne peut montrer ses papiers sans adresse ni code : les agents qui l'ont aidée, et les structures
 * partenaires de ses orientations. `value` est ce que le formulaire renvoie.
 */
export async function myChosenRecipients(scope: ResidentScope) {
  const helpers = await helperChoices(scope.tx);
  const partners = await partnerChoices(scope.tx, ownerOf(scope));
  return [
    ...helpers.map((helper) => ({
      value: `agent:${helper.userId}`,
      label: helper.name,
      recipient: { kind: 'agent', userId: helper.userId, name: helper.name } satisfies ChosenRecipient as ChosenRecipient,
    })),
    ...partners.map((partner) => ({
      value: `orientation:${partner.referralId}`,
      label: partner.placeName,
      recipient: {
        kind: 'orientation',
        referralId: partner.referralId,
        structureId: partner.partnerId,
        name: partner.partnerName,
      } satisfies ChosenRecipient as ChosenRecipient,
    })),
  ];
}

/** Partage des papiers avec un destinataire de la liste ; les problèmes de la demande, champ par champ. */
export async function shareMyPapersWithChosen(
  scope: ResidentScope,
  input: { documentIds: string[]; recipientId: string; duration: string },
) {
  const present = new Set((await myPresentPapers(scope)).map((d) => d.id));
  const choices = await myChosenRecipients(scope);
  const checked = checkChosenShareRequest(input, present, new Set(choices.map((c) => c.value)));
  if (!checked.ok) return checked;
  const { recipient } = choices.find((c) => c.value === checked.value.recipientId)!;
  const created = await createChosenShare(scope.tx, ownerOf(scope), checked.value, recipient, null, scope.now);
  if (!created) return { ok: false as const, problem: { papiers: 'invalide' as const } };
  return { ok: true as const, ...created, kind: recipient.kind };
}
