// « Mes mandats » : ce que chaque mandat permet, jusqu'à quand, le PDF, les actes faits au nom de la personne, et la
// fin d'un mandat par la personne elle-même. Lu sous le rôle relais_resident (seuls ses mandats, drizzle/0040).
import { and, desc, eq, sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { structures } from '../../platform/schema';
import { mandatePdf } from '../mandates/mandate-pdf.server';
import { personLabel, type MandateView } from '../mandates/mandates.server';
import { statusOf } from '../mandates/rules';
import { mandateActs, mandates } from '../mandates/schema';
import { persons } from '../reception/schema';
import type { ResidentScope } from './resident-pages.server';

const mandateRow = async ({ tx, resident }: ResidentScope, id: string) =>
  (
    await tx
      .select()
      .from(mandates)
      .where(and(eq(mandates.structureId, resident.structureId), eq(mandates.personId, resident.personId), eq(mandates.id, id)))
  )[0];

/** Les mandats de la personne, du plus récent au plus ancien, avec leur état du jour. */
export async function residentMandates(scope: ResidentScope) {
  const { tx, resident, now } = scope;
  const rows = await tx
    .select()
    .from(mandates)
    .where(and(eq(mandates.structureId, resident.structureId), eq(mandates.personId, resident.personId)))
    .orderBy(desc(mandates.createdAt));
  return rows.map((mandate) => ({
    id: mandate.id,
    areas: mandate.areas,
    status: statusOf(mandate, now),
    signedAt: mandate.signedAt,
    expiresAt: mandate.expiresAt,
    revokedAt: mandate.revokedAt,
  }));
}

/** Un mandat de la personne, son médiateur et les actes faits en son nom ; null s'il n'est pas à elle. */
export async function residentMandate(scope: ResidentScope, id: string) {
  const mandate = await mandateRow(scope, id);
  if (!mandate) return null;
  const { tx, resident, now } = scope;
  const acts = await tx
    .select({ occurredAt: mandateActs.occurredAt, onlineService: mandateActs.onlineService, whatDone: mandateActs.whatDone })
    .from(mandateActs)
    .where(and(eq(mandateActs.structureId, resident.structureId), eq(mandateActs.mandateId, id)))
    .orderBy(desc(mandateActs.seq))
    .limit(200);
  return {
    mandate: {
      id: mandate.id,
      areas: mandate.areas,
      duration: mandate.duration,
      signedAt: mandate.signedAt,
      expiresAt: mandate.expiresAt,
      revokedAt: mandate.revokedAt,
      revokedByPerson: mandate.revokedAt !== null && mandate.revokedBy === null,
    },
    status: statusOf(mandate, now),
    mediatorName: await memberName(scope, mandate.mediatorId),
    acts,
  };
}

const memberName = async ({ tx }: ResidentScope, userId: string) =>
  (await sqlRows<{ name: string | null }>(tx, sql`select relais_member_name(${userId}) as name`))[0]?.name ?? '';

/** Le PDF du mandat, le même que celui remis à la signature ; null s'il n'est pas à la personne. */
export async function residentMandatePdf(scope: ResidentScope, id: string) {
  const mandate = await mandateRow(scope, id);
  if (!mandate) return null;
  const { tx, resident, now } = scope;
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, resident.structureId), eq(persons.id, resident.personId)));
  const [structure] = await tx.select().from(structures).where(eq(structures.id, resident.structureId));
  const view: MandateView = {
    mandate,
    status: statusOf(mandate, now),
    person: { id: person!.id, label: personLabel(person!), birthYear: person!.birthYear },
    mediatorName: await memberName(scope, mandate.mediatorId),
    structure: {
      name: structure!.name,
      address: [structure!.street, [structure!.postalCode, structure!.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    },
  };
  return { pdf: await mandatePdf(view, structure!.city), name: `mandat-${mandate.id.slice(0, 8)}.pdf` };
}

export type RevokeResult = { ok: true } | { ok: false; error: 'introuvable' | 'pas_actif' | 'non_confirme' };

/**
 * La personne met fin à un de ses mandats actifs : révoqué sans agent, inscrit au journal d'audit, et son médiateur
 * prévenu par e-mail (sans nom : le lien du mandat), le tout dans la transaction de la demande (drizzle/0040).
 */
export async function revokeOwnMandate(scope: ResidentScope, id: string, confirmed: boolean): Promise<RevokeResult> {
  const mandate = await mandateRow(scope, id);
  if (!mandate) return { ok: false, error: 'introuvable' };
  if (statusOf(mandate, scope.now) !== 'actif') return { ok: false, error: 'pas_actif' };
  if (!confirmed) return { ok: false, error: 'non_confirme' };
  const number = mandate.id.slice(0, 8);
  const link = `${scope.services.config.publicUrl}/mandats/${mandate.id}`;
  const [row] = await sqlRows<{ revoked: boolean }>(
    scope.tx,
    sql`select relais_resident_revoke_mandate(${mandate.id}, ${scope.now}, ${REVOKED_BY_PERSON}, ${`Mandat n° ${number} arrêté par la personne`}, ${[
      'Bonjour,',
      '',
      `La personne a mis fin au mandat n° ${number} depuis son espace personnel.`,
      'Vous ne pouvez plus faire de démarche en son nom au titre de ce mandat.',
      '',
      `Le mandat : ${link}`,
    ].join('\n')}) as revoked`,
  );
  return row?.revoked ? { ok: true } : { ok: false, error: 'pas_actif' };
}

export const REVOKED_BY_PERSON = 'Arrêté par la personne depuis son espace personnel.';
