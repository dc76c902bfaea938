// La carte d'un habitant (issue 20, décision 024) : le médiateur l'imprime (QR code d'un identifiant aléatoire, code
// secret sur une lettre à part), la remplace ou la retire en un clic ; la personne scanne le QR et tape son code.
// Seules des empreintes sont gardées : celle de l'identifiant (SHA-256) et celle du code (HMAC sous la clé racine).
import crypto from 'node:crypto';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import { randomToken, safeEqual, sha256Hex } from '../../platform/crypto.server';
import type { RequestContext, RequestScope } from '../../platform/request.server';
import { structures } from '../../platform/schema';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { normalizeCode, PIN_ATTEMPTS, pinAttemptsLeft, type CardRevocation } from './rules';
import { residentCards, residentSpaces } from './schema';
import { createResidentSession } from './sessions.server';
import { portalDigest } from './sign-in.server';

const pinDigest = (key: Buffer, cardHash: string, pin: string) => portalDigest(key, 'pin', `${cardHash}:${pin}`);

/** L'adresse que porte le QR code : la page de connexion par carte, avec l'identifiant aléatoire de la carte. */
export const cardUrl = (publicUrl: string, token: string) => `${publicUrl}/mon-espace/carte/${token}`;

export type IssuedCard = { token: string; pin: string; firstName: string };

/**
 * Imprime une carte pour l'espace ouvert de la personne : la précédente (s'il y en a une) ne vaut plus. null si la
 * personne n'a pas d'espace ouvert dans la structure.
 */
export async function issueCard(
  { tx, actor, now, services }: RequestContext,
  personId: string,
  secret = { token: randomToken(16), pin: crypto.randomInt(0, 1_000_000).toString().padStart(6, '0') },
): Promise<IssuedCard | null> {
  const [space] = await tx
    .select({ id: residentSpaces.id, firstName: persons.firstName })
    .from(residentSpaces)
    .innerJoin(persons, and(eq(persons.structureId, residentSpaces.structureId), eq(persons.id, residentSpaces.personId)))
    .where(and(eq(residentSpaces.structureId, actor.structureId), eq(residentSpaces.personId, personId), isNull(residentSpaces.closedAt)));
  if (!space) return null;
  await revokeValidCard(tx, actor.structureId, space.id, 'remplacee', now);
  await tx
    .insert(residentCards)
    .values(
      cardRow(services.rootKey, { structureId: actor.structureId, spaceId: space.id, personId, issuedBy: actor.userId }, secret, now),
    );
  await recordAudit(tx, actor, 'carte.imprimee', { type: 'personne', id: personId });
  return { ...secret, firstName: space.firstName };
}

/** La ligne d'une carte : les empreintes de son identifiant et de son code secret, jamais l'un ni l'autre. */
export function cardRow(
  rootKey: Buffer,
  card: { structureId: string; spaceId: string; personId: string; issuedBy: string },
  secret: { token: string; pin: string },
  now: Date,
) {
  const cardHash = sha256Hex(secret.token);
  return { ...card, cardHash, pinHash: pinDigest(rootKey, cardHash, secret.pin), createdAt: now };
}

const revokeValidCard = (tx: RequestScope['tx'], structureId: string, spaceId: string, reason: CardRevocation, now: Date) =>
  tx
    .update(residentCards)
    .set({ revokedAt: now, revocationReason: reason })
    .where(and(eq(residentCards.structureId, structureId), eq(residentCards.spaceId, spaceId), isNull(residentCards.revokedAt)))
    .returning({ id: residentCards.id });

/** « Carte perdue » ou « Retirer la carte » : la carte valable de l'espace ouvert ne sert plus ; faux s'il n'y en a pas. */
export async function withdrawCard(
  { tx, actor, now }: RequestContext,
  personId: string,
  reason: Extract<CardRevocation, 'perdue' | 'retiree'>,
) {
  const [space] = await tx
    .select({ id: residentSpaces.id })
    .from(residentSpaces)
    .where(and(eq(residentSpaces.structureId, actor.structureId), eq(residentSpaces.personId, personId), isNull(residentSpaces.closedAt)));
  if (!space) return false;
  const revoked = await revokeValidCard(tx, actor.structureId, space.id, reason, now);
  if (revoked.length === 0) return false;
  await recordAudit(tx, actor, 'carte.retiree', { type: 'personne', id: personId }, { raison: reason });
  return true;
}

/** La carte valable de l'espace ouvert (pour la page de l'agent) : quand, bloquée ou non ; null s'il n'y en a pas. */
export async function validCardOf({ tx, actor }: RequestContext, spaceId: string) {
  const [card] = await tx
    .select({ createdAt: residentCards.createdAt, lockedAt: residentCards.lockedAt, lastUsedAt: residentCards.lastUsedAt })
    .from(residentCards)
    .where(and(eq(residentCards.structureId, actor.structureId), eq(residentCards.spaceId, spaceId), isNull(residentCards.revokedAt)));
  return card ?? null;
}

export type CardCheckResult =
  | { ok: true; token: string }
  | { ok: false; error: 'carte_invalide' | 'carte_bloquee' | 'pin_vide' }
  | { ok: false; error: 'pin_faux'; attemptsLeft: number };

/** La carte scannée existe-t-elle et vaut-elle encore ? (la page du code secret le dit avant toute saisie) */
export async function cardState({ tx }: RequestScope, token: string): Promise<'valable' | 'carte_invalide' | 'carte_bloquee'> {
  const cardHash = sha256Hex(token);
  await applySettings(tx, { cardHash });
  const [card] = await tx.select().from(residentCards).where(eq(residentCards.cardHash, cardHash));
  await applySettings(tx, { cardHash: null });
  if (!card || card.revokedAt) return 'carte_invalide';
  return card.lockedAt ? 'carte_bloquee' : 'valable';
}

/**
 * Vérifie le code secret tapé pour la carte scannée. Un code faux compte un essai ; au 5e, la carte est bloquée. Une
 * carte inconnue et une carte retirée reçoivent le même message. Un code juste ouvre une session d'habitant.
 */
export async function checkCard(
  scope: RequestScope,
  input: { token: string; pin: string; sharedComputer: boolean },
): Promise<CardCheckResult> {
  const { tx, now, services } = scope;
  const pin = normalizeCode(input.pin);
  if (!input.pin.trim()) return { ok: false, error: 'pin_vide' };
  const cardHash = sha256Hex(input.token);
  await applySettings(tx, { cardHash });
  try {
    const [card] = await tx.select().from(residentCards).where(eq(residentCards.cardHash, cardHash));
    if (!card || card.revokedAt) return { ok: false, error: 'carte_invalide' };
    if (card.lockedAt) return { ok: false, error: 'carte_bloquee' };
    if (!pin || !safeEqual(card.pinHash, pinDigest(services.rootKey, cardHash, pin))) {
      const [counted] = await tx
        .update(residentCards)
        .set({
          attempts: sql`${residentCards.attempts} + 1`,
          lockedAt: sql`case when ${residentCards.attempts} + 1 >= ${PIN_ATTEMPTS} then ${now.toISOString()}::timestamptz end`,
        })
        .where(and(eq(residentCards.cardHash, cardHash), isNull(residentCards.lockedAt), isNull(residentCards.revokedAt)))
        .returning({ attempts: residentCards.attempts });
      const left = pinAttemptsLeft(counted?.attempts ?? PIN_ATTEMPTS);
      return left === 0 ? { ok: false, error: 'carte_bloquee' } : { ok: false, error: 'pin_faux', attemptsLeft: left };
    }
    await tx.update(residentCards).set({ attempts: 0, lastUsedAt: now }).where(eq(residentCards.cardHash, cardHash));
    const token = await createResidentSession(scope, card, input.sharedComputer);
    return { ok: true, token };
  } finally {
    await applySettings(tx, { cardHash: null });
  }
}

/** Ce que porte la feuille imprimée : l'adresse du QR, le code, et qui appeler (le premier lieu d'accueil). */
export async function cardSheetOf({ tx, actor, services }: RequestContext, issued: IssuedCard) {
  const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, actor.structureId));
  const [site] = await tx
    .select({ phone: places.phone })
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.receptionSite, true), isNotNull(places.phone)))
    .orderBy(places.name)
    .limit(1);
  return {
    url: cardUrl(services.config.publicUrl, issued.token),
    pin: issued.pin,
    firstName: issued.firstName,
    structureName: structure?.name ?? '',
    structurePhone: site?.phone ?? null,
  };
}
