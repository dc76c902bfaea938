// Ce que lisent les pages du portail, sous le rôle relais_resident : la RLS ne laisse que les lignes de la personne
// de la session (décision 022) ; les filtres écrits ici disent l'intention, ils ne sont pas la barrière.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ResidentIdentity } from '../../platform/authorize.server';
import type { RequestScope } from '../../platform/request.server';
import { structures } from '../../platform/schema';
import { sessionOfRegistration, workshopOfSession, workshopRegistrations, workshopSessions, workshops } from '../workshops/schema';
import { isOpenAt } from '../directory/opening-hours';
import { postalAddress } from '../directory/address';
import { places } from '../directory/schema';
import { persons, solicitations } from '../reception/schema';
import { diagnoses } from '../diagnosis/schema';
import { referrals } from '../referrals/schema';

export type ResidentScope = RequestScope & { resident: ResidentIdentity };

export interface HelpPlace {
  name: string;
  address: string;
  phone: string | null;
  openNow: boolean | null;
}

/** « Besoin d'aide ? » : la structure et ses lieux d'accueil (adresse, téléphone, ouvert maintenant). */
export async function helpOf({ tx, now, resident }: ResidentScope) {
  const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, resident.structureId));
  const sites = await tx
    .select({
      name: places.name,
      street: places.street,
      postalCode: places.postalCode,
      city: places.city,
      phone: places.phone,
      hours: places.openingHours,
    })
    .from(places)
    .where(and(eq(places.structureId, resident.structureId), eq(places.receptionSite, true)))
    .orderBy(places.name)
    .limit(3);
  return {
    structureName: structure?.name ?? '',
    places: sites.map((site): HelpPlace => ({
      name: site.name,
      address: postalAddress(site),
      phone: site.phone,
      openNow: site.hours ? isOpenAt(site.hours, now) : null,
    })),
  };
}

export type Help = Awaited<ReturnType<typeof helpOf>>;

/** Le prénom de la personne, pour la saluer. */
export async function residentFirstName({ tx, resident }: ResidentScope) {
  const [person] = await tx
    .select({ firstName: persons.firstName })
    .from(persons)
    .where(and(eq(persons.structureId, resident.structureId), eq(persons.id, resident.personId), isNull(persons.anonymisedAt)));
  return person?.firstName ?? '';
}

/**
 * Ce que nous avons fait ensemble : les visites et appels, les ateliers, les orientations et les diagnostics, du plus
 * récent au plus ancien ; jamais les notes.
 */
export async function residentHistory({ tx, resident }: ResidentScope, limit = 100) {
  const visits = await tx
    .select({
      id: solicitations.id,
      at: solicitations.occurredAt,
      channel: solicitations.channel,
      mode: solicitations.mode,
      organisations: solicitations.organisations,
      outcome: solicitations.outcome,
    })
    .from(solicitations)
    .where(and(eq(solicitations.structureId, resident.structureId), eq(solicitations.personId, resident.personId)))
    .orderBy(desc(solicitations.occurredAt), desc(solicitations.createdAt), desc(solicitations.id))
    .limit(limit);
  const sent = await tx
    .select({ id: referrals.id, at: referrals.createdAt, place: places.name })
    .from(referrals)
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(and(eq(referrals.structureId, resident.structureId), eq(referrals.personId, resident.personId)))
    .orderBy(desc(referrals.createdAt))
    .limit(limit);
  const grids = await tx
    .select({ id: diagnoses.id, at: diagnoses.createdAt })
    .from(diagnoses)
    .where(and(eq(diagnoses.structureId, resident.structureId), eq(diagnoses.personId, resident.personId)))
    .orderBy(desc(diagnoses.createdAt))
    .limit(limit);
  // Les ateliers où elle est venue (présence notée).
  const attended = await tx
    .select({ id: workshopRegistrations.id, at: workshopSessions.startsAt, title: workshops.title })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, sessionOfRegistration)
    .innerJoin(workshops, workshopOfSession)
    .where(
      and(
        eq(workshopRegistrations.structureId, resident.structureId),
        eq(workshopRegistrations.personId, resident.personId),
        eq(workshopRegistrations.status, 'present'),
      ),
    )
    .orderBy(desc(workshopSessions.startsAt))
    .limit(limit);
  return [
    ...visits.map((visit) => ({ kind: 'visite' as const, ...visit })),
    ...attended.map((workshop) => ({ kind: 'atelier' as const, ...workshop })),
    ...sent.map((referral) => ({ kind: 'orientation' as const, ...referral })),
    ...grids.map((grid) => ({ kind: 'diagnostic' as const, ...grid })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
}
