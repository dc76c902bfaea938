// Les mandats d'une structure : création avec l'accord éclairé, signature (écran ou papier), révocation,
// renouvellement, listes. Chaque lecture d'un mandat est tracée (données personnelles et signature).
import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { mandates } from './schema';
import { structures, users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import { actsOfPerson } from './journal.server';
import { localDay, localDateTime } from '../../platform/time';
import { expiryOf, statusOf, type MandateInput } from './rules';
import type { Duration, MandateListView } from './vocabulary';
import type { RequestContext } from '../../platform/request.server';
import { fullName } from '../../platform/text';

const personIn = async (tx: Tx, actor: Actor, personId: string) =>
  (
    await tx
      .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName, birthYear: persons.birthYear })
      .from(persons)
      .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)))
  )[0];

export const personLabel = (p: { firstName: string; lastName: string | null }) => fullName(p.firstName, p.lastName);

/** Les domaines couverts aujourd'hui par les mandats signés, en cours, de la personne (le formulaire en déduit l'offre d'un mandat d'un jour). */
export async function coveredAreasOf(tx: Tx, actor: Actor, personId: string, now: Date) {
  const rows = await tx
    .select({ areas: mandates.areas })
    .from(mandates)
    .where(
      and(
        eq(mandates.structureId, actor.structureId),
        eq(mandates.personId, personId),
        isNotNull(mandates.signedAt),
        isNull(mandates.revokedAt),
        gt(mandates.expiresAt, now),
      ),
    );
  return [...new Set(rows.flatMap((r) => r.areas))].sort();
}

/** Insère un mandat non signé ; il ne couvre aucun acte avant sa signature. */
export async function insertMandate(tx: Tx, actor: Actor, personId: string, input: MandateInput, renewalOf: string | null = null) {
  const [row] = await tx
    .insert(mandates)
    .values({
      structureId: actor.structureId,
      personId,
      mediatorId: actor.userId,
      areas: input.areas,
      duration: input.duration,
      consentItems: input.consent,
      noProtectionMeasure: input.protection === 'aucune',
      renewalOf,
    })
    .returning({ id: mandates.id });
  await recordAudit(tx, actor, 'mandat.cree', { type: 'mandat', id: row!.id }, { personne: personId, renouvelle: renewalOf });
  return row!.id;
}

export async function createMandate({ tx, actor }: RequestContext, personId: string, input: MandateInput, renewalOf: string | null = null) {
  if (!(await personIn(tx, actor, personId))) return null;
  if (renewalOf && !(await mandateRow(tx, actor, renewalOf))) return null;
  return insertMandate(tx, actor, personId, input, renewalOf);
}

const mandateRow = async (tx: Tx, actor: Actor, id: string) =>
  (
    await tx
      .select()
      .from(mandates)
      .where(and(eq(mandates.structureId, actor.structureId), eq(mandates.id, id)))
  )[0];

/** Le mandat, sa personne, son médiateur et la structure : ce qu'affichent la page et le PDF. */
export async function readMandate({ tx, actor, now }: RequestContext, id: string) {
  const mandate = await mandateRow(tx, actor, id);
  if (!mandate) return null;
  const person = (await personIn(tx, actor, mandate.personId))!;
  const [mediator] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, mandate.mediatorId));
  const [structure] = await tx.select().from(structures).where(eq(structures.id, actor.structureId));
  await recordAudit(tx, actor, 'mandat.consulte', { type: 'mandat', id });
  return {
    mandate,
    status: statusOf(mandate, now),
    person: { id: person.id, label: personLabel(person), birthYear: person.birthYear },
    mediatorName: mediator?.name ?? '',
    structure: {
      name: structure!.name,
      address: [structure!.street, [structure!.postalCode, structure!.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    },
  };
}
export type MandateView = NonNullable<Awaited<ReturnType<typeof readMandate>>>;

type SignatureResult = { ok: true } | { ok: false; error: 'introuvable' | 'deja_signe' | 'revoque' };

async function sign(
  { actor, tx }: RequestContext,
  id: string,
  signature: {
    method: 'ecran_trace' | 'ecran_nom' | 'papier';
    signedAt: Date;
    signerName?: string;
    trace?: string | null;
    paperSignedOn?: string;
  },
): Promise<SignatureResult> {
  const mandate = await mandateRow(tx, actor, id);
  if (!mandate) return { ok: false, error: 'introuvable' };
  if (mandate.revokedAt) return { ok: false, error: 'revoque' };
  if (mandate.signedAt) return { ok: false, error: 'deja_signe' };
  await signIn(tx, actor, id, mandate.duration as Duration, signature);
  return { ok: true };
}

/** Pose la signature et l'échéance (la signature plus la durée). */
export async function signIn(
  tx: Tx,
  actor: Actor,
  id: string,
  duration: Duration,
  signature: { method: string; signedAt: Date; signerName?: string; trace?: string | null; paperSignedOn?: string },
) {
  await tx
    .update(mandates)
    .set({
      signatureMethod: signature.method,
      signedAt: signature.signedAt,
      signerName: signature.signerName ?? null,
      signatureTrace: signature.trace ?? null,
      paperSignedOn: signature.paperSignedOn ?? null,
      expiresAt: expiryOf(signature.signedAt, duration),
    })
    .where(and(eq(mandates.structureId, actor.structureId), eq(mandates.id, id)));
  await recordAudit(tx, actor, 'mandat.signe', { type: 'mandat', id }, { methode: signature.method });
}

export const signOnScreen = (ctx: RequestContext, id: string, input: { signerName: string; trace: string | null }) =>
  sign(ctx, id, { method: input.trace ? 'ecran_trace' : 'ecran_nom', signedAt: ctx.now, signerName: input.signerName, trace: input.trace });

/** Signé sur papier : l'échéance part de la date écrite sur le papier (midi ce jour-là, ou maintenant si c'est aujourd'hui). */
export function markPaperSigned(ctx: RequestContext, id: string, signedOn: string) {
  const { now } = ctx;
  const signedAt = signedOn === localDay(now) ? now : localDateTime(`${signedOn}T12:00`);
  return sign(ctx, id, { method: 'papier', signedAt, paperSignedOn: signedOn });
}

export async function revokeMandate({ tx, actor, now }: RequestContext, id: string, reason: string) {
  const mandate = await mandateRow(tx, actor, id);
  if (!mandate) return { ok: false as const, error: 'introuvable' as const };
  if (mandate.revokedAt) return { ok: false as const, error: 'revoque' as const };
  await tx
    .update(mandates)
    .set({ revokedAt: now, revokedBy: actor.userId, revocationReason: reason })
    .where(and(eq(mandates.structureId, actor.structureId), eq(mandates.id, id)));
  await recordAudit(tx, actor, 'mandat.revoque', { type: 'mandat', id });
  return { ok: true as const };
}

/** Les mandats d'une personne (lus dans la transaction de sa fiche ou d'une sollicitation). */
export const mandatesOfPerson = (tx: Tx, actor: Actor, personId: string) =>
  tx
    .select()
    .from(mandates)
    .where(and(eq(mandates.structureId, actor.structureId), eq(mandates.personId, personId)))
    .orderBy(desc(mandates.createdAt));

export async function listMandates({ actor, tx, now }: RequestContext, view: MandateListView) {
  const in30Days = new Date(now.getTime() + 30 * 86_400_000);
  const active = and(isNull(mandates.revokedAt), isNotNull(mandates.signedAt), gt(mandates.expiresAt, now));
  const where = {
    actifs: active,
    bientot: and(active, lte(mandates.expiresAt, in30Days)),
    a_signer: and(isNull(mandates.revokedAt), isNull(mandates.signedAt)),
    termines: or(isNotNull(mandates.revokedAt), lte(mandates.expiresAt, now)),
  }[view];
  const rows = await tx
    .select({ m: mandates, firstName: persons.firstName, lastName: persons.lastName, mediator: users.displayName })
    .from(mandates)
    .innerJoin(persons, and(eq(persons.structureId, mandates.structureId), eq(persons.id, mandates.personId)))
    .innerJoin(users, eq(users.id, mandates.mediatorId))
    .where(and(eq(mandates.structureId, actor.structureId), where))
    .orderBy(
      view === 'termines'
        ? desc(sql`coalesce(${mandates.revokedAt}, ${mandates.expiresAt})`)
        : view === 'a_signer'
          ? desc(mandates.createdAt)
          : asc(mandates.expiresAt),
    )
    .limit(200);
  await recordAudit(tx, actor, 'mandats.liste_consultee', undefined, { vue: view, lignes: rows.length });
  return rows.map(({ m, firstName, lastName, mediator }) => ({
    id: m.id,
    personId: m.personId,
    person: personLabel({ firstName, lastName }),
    mediator,
    areas: m.areas,
    status: statusOf(m, now),
    createdAt: m.createdAt,
    expiresAt: m.expiresAt,
    revokedAt: m.revokedAt,
  }));
}

/** Les mandats d'une personne et le journal des actes faits pour elle (la page se lit et s'imprime). */
export async function readPersonMandates({ tx, actor, now }: RequestContext, personId: string) {
  const person = await personIn(tx, actor, personId);
  if (!person) return null;
  const list = await mandatesOfPerson(tx, actor, personId);
  const acts = await actsOfPerson(tx, actor.structureId, personId);
  await recordAudit(tx, actor, 'mandats.consultes', { type: 'personne', id: personId });
  return {
    person: { id: person.id, label: personLabel(person) },
    mandates: list.map((m) => ({ ...m, status: statusOf(m, now) })),
    acts,
  };
}
