// « Mes orientations » : les lieux où la personne a été envoyée, pourquoi, quoi apporter, et la fiche d'orientation à
// imprimer de nouveau. Lu sous le rôle relais_resident (seules ses orientations, drizzle/0040).
import { and, desc, eq } from 'drizzle-orm';
import { structures } from '../../platform/schema';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { referrals } from '../referrals/schema';
import { referralSlipPdf } from '../referrals/slip-pdf.server';
import type { ResidentScope } from './resident-pages.server';

const ofResident = ({ resident }: ResidentScope) =>
  and(eq(referrals.structureId, resident.structureId), eq(referrals.personId, resident.personId));

/** Les orientations de la personne, les plus récentes d'abord. */
export async function residentReferrals(scope: ResidentScope) {
  return scope.tx
    .select({
      id: referrals.id,
      createdAt: referrals.createdAt,
      reason: referrals.reason,
      toBring: referrals.toBring,
      appointmentAt: referrals.appointmentAt,
      placeName: places.name,
      street: places.street,
      postalCode: places.postalCode,
      city: places.city,
      phone: places.phone,
    })
    .from(referrals)
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(ofResident(scope))
    .orderBy(desc(referrals.createdAt))
    .limit(100);
}

/** La fiche d'orientation (PDF), la même que celle remise par le médiateur ; null si l'orientation n'est pas à elle. */
export async function residentReferralSlip(scope: ResidentScope, id: string) {
  const { tx, resident, now } = scope;
  const [row] = await tx
    .select({ referral: referrals, person: persons, place: places })
    .from(referrals)
    .innerJoin(persons, and(eq(persons.structureId, referrals.structureId), eq(persons.id, referrals.personId)))
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(and(ofResident(scope), eq(referrals.id, id)));
  if (!row) return null;
  const names = await tx
    .select({ id: structures.id, name: structures.name })
    .from(structures)
    .where(eq(structures.id, resident.structureId));
  const partner = row.referral.partnerStructureId
    ? (await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, row.referral.partnerStructureId)))[0]
    : undefined;
  const pdf = await referralSlipPdf({ ...row, partnerName: partner?.name ?? null }, names[0]?.name ?? '', now);
  return { pdf, name: `orientation-${row.referral.id.slice(0, 8)}.pdf` };
}
