// Connexion d'un habitant par un code à usage unique (issue 20, décision 023). La demande répond toujours de même,
// que le contact soit connu ou non ; le code part par l'outbox (SMS ou e-mail). Seules des empreintes sont gardées :
// celle du code et celle du contact, par HMAC sous la clé racine (un vol de la base ne rend ni l'un ni l'autre).
import crypto from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { applySettings } from '../../db/transaction.server';
import { safeEqual, sha256Hex } from '../../platform/crypto.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import type { RequestScope } from '../../platform/request.server';
import { structures } from '../../platform/schema';
import { portalText, type Language } from './i18n';
import { CODE_ATTEMPTS, CODE_MINUTES, CODES_PER_CONTACT_HOUR, CODES_PER_IP_HOUR, normalizeCode, normalizeContact } from './rules';
import { residentCodes } from './schema';
import { createResidentSession } from './sessions.server';

/** Empreinte d'un secret court (un code, un contact) : HMAC sous la clé racine, propre à son usage. */
export const portalDigest = (key: Buffer, purpose: string, value: string) =>
  crypto.createHmac('sha256', key).update(`relais-portail:${purpose}:${value}`).digest('base64url');

export type CodeRequestResult = 'envoye' | 'contact_invalide' | 'trop_de_demandes';

/**
 * Envoie un code à chaque espace ouvert qui se connecte par ce contact (le plus souvent un seul ; une personne suivie
 * par deux structures en reçoit un par structure). Un contact inconnu reçoit la même réponse, sans envoi.
 */
export async function requestCode(
  { tx, now, services }: RequestScope,
  rawContact: string,
  clientIp: string,
  language: Language,
): Promise<CodeRequestResult> {
  const contact = normalizeContact(rawContact);
  if (!contact) return 'contact_invalide';
  const contactHash = portalDigest(services.rootKey, 'contact', contact.value);
  const ipHash = clientIp ? sha256Hex(clientIp) : '';
  const [allowance] = await sqlRows<{ allowed: boolean }>(
    tx,
    sql`select relais_resident_code_allowed(${contactHash}, ${ipHash}, ${now}, ${CODES_PER_CONTACT_HOUR}, ${CODES_PER_IP_HOUR}) as allowed`,
  );
  if (!allowance?.allowed) return 'trop_de_demandes';
  const spaces = await sqlRows<{ structure_id: string; space_id: string; person_id: string }>(
    tx,
    sql`select structure_id, space_id, person_id from relais_spaces_for_contact(${contact.channel}, ${contact.value})`,
  );
  const t = portalText(language);
  for (const space of spaces) {
    await applySettings(tx, { structureId: space.structure_id });
    // Le code d'avant ne vaut plus : un seul code valable par espace.
    await tx
      .update(residentCodes)
      .set({ expiresAt: now })
      .where(
        and(
          eq(residentCodes.structureId, space.structure_id),
          eq(residentCodes.spaceId, space.space_id),
          isNull(residentCodes.usedAt),
          gt(residentCodes.expiresAt, now),
        ),
      );
    const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
    const [row] = await tx
      .insert(residentCodes)
      .values({
        structureId: space.structure_id,
        spaceId: space.space_id,
        personId: space.person_id,
        contactHash,
        codeHash: portalDigest(services.rootKey, 'code', `${space.space_id}:${code}`),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      })
      .returning({ id: residentCodes.id });
    const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, space.structure_id));
    await enqueueMessage(
      tx,
      space.structure_id,
      {
        channel: contact.channel,
        recipient: contact.value,
        subject: t('code.message.subject'),
        body: t('code.message.body', { code, structure: structure?.name ?? 'Relais', minutes: CODE_MINUTES }),
        purpose: 'portail.code',
        subjectId: space.person_id,
        dedupeKey: `portail.code:${row!.id}`,
      },
      now,
    );
  }
  await applySettings(tx, { structureId: null });
  return 'envoye';
}

export type CodeCheckResult = { ok: true; token: string; sharedComputer: boolean } | { ok: false; error: 'code_invalide' | 'code_bloque' };

/**
 * Vérifie le code tapé avec le contact : le dernier code de chaque espace de ce contact, encore valable. Un code faux
 * compte un essai ; au 5e, il ne vaut plus. Un code juste ne sert qu'une fois, même envoyé deux fois en même temps.
 */
export async function checkCode(
  scope: RequestScope,
  input: { contact: string; code: string; sharedComputer: boolean },
): Promise<CodeCheckResult> {
  const { tx, now, services } = scope;
  const contact = normalizeContact(input.contact);
  const code = normalizeCode(input.code);
  if (!contact || !code) return { ok: false, error: 'code_invalide' };
  const contactHash = portalDigest(services.rootKey, 'contact', contact.value);
  await applySettings(tx, { contactHash });
  const live = await tx
    .select()
    .from(residentCodes)
    .where(
      and(
        eq(residentCodes.contactHash, contactHash),
        isNull(residentCodes.usedAt),
        gt(residentCodes.expiresAt, now),
        lt(residentCodes.attempts, CODE_ATTEMPTS),
      ),
    )
    .orderBy(desc(residentCodes.createdAt));
  const latest = live.filter((row, index) => live.findIndex((other) => other.spaceId === row.spaceId) === index);
  const match = latest.find((row) => safeEqual(row.codeHash, portalDigest(services.rootKey, 'code', `${row.spaceId}:${code}`)));
  if (!match) {
    if (latest.length > 0)
      await tx
        .update(residentCodes)
        .set({ attempts: sql`${residentCodes.attempts} + 1` })
        .where(
          inArray(
            residentCodes.id,
            latest.map((row) => row.id),
          ),
        );
    await applySettings(tx, { contactHash: null });
    const exhausted = latest.length > 0 && latest.every((row) => row.attempts + 1 >= CODE_ATTEMPTS);
    return { ok: false, error: exhausted ? 'code_bloque' : 'code_invalide' };
  }
  const used = await tx
    .update(residentCodes)
    .set({ usedAt: now })
    .where(and(eq(residentCodes.structureId, match.structureId), eq(residentCodes.id, match.id), isNull(residentCodes.usedAt)))
    .returning({ id: residentCodes.id });
  await applySettings(tx, { contactHash: null });
  if (used.length === 0) return { ok: false, error: 'code_invalide' };
  const token = await createResidentSession(scope, match, input.sharedComputer);
  return { ok: true, token, sharedComputer: input.sharedComputer };
}
