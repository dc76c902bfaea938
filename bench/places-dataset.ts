// Un annuaire engendré pour les mesures : N lieux autour d'un centre (jusqu'à 30 km), horaires tirés d'une
// quarantaine de formes courantes, services, publics et organismes variés. Déterministe (graine fixe).
import { random } from '../app/capabilities/demo/story';
import type { NationalPlace } from '../app/capabilities/directory/national-format';
import type { PlaceExtras } from '../app/capabilities/directory/places.server';
import { FEES, PUBLICS, SERVICES, SPECIFIC_SUPPORT, SUPPORT_MODES, ACCESS_MODES } from '../app/capabilities/directory/vocabulary';
import { ORGANISATIONS } from '../app/capabilities/reception/vocabulary';
import { THEMES } from '../app/vocabulary/coop';

const MORNINGS = ['08:30-12:00', '09:00-12:00', '09:00-12:30', '10:00-12:00'];
const AFTERNOONS = ['13:30-17:00', '14:00-17:00', '13:30-17:30', '14:00-18:00'];
const DAYS = ['Mo-Fr', 'Mo-Th', 'Tu-Sa', 'Mo,We,Fr', 'Tu,Th'];
const TYPOLOGIES = ['CCAS', 'BIB', 'EPN', 'RFS', 'CS', 'ASSO', 'PIMMS', 'MUNI', 'CAF', 'FT', 'ML', 'MDS'];

const pick = <T>(next: () => number, items: readonly T[]) => items[Math.floor(next() * items.length)]!;
const some = <T>(next: () => number, items: readonly T[], chance: number) => items.filter(() => next() < chance);

export function generatePlaces(
  count: number,
  centre: { latitude: number; longitude: number },
  seed = 42,
): Array<{ place: NationalPlace; extras: PlaceExtras }> {
  const next = random(seed);
  const hours = Array.from(
    { length: 40 },
    (_, i) =>
      `${DAYS[i % DAYS.length]} ${MORNINGS[i % 4]}${i % 3 ? `,${AFTERNOONS[(i >> 2) % 4]}` : ''}${i % 5 === 0 ? '; Sa 09:00-12:00' : ''}; PH off`,
  );
  return Array.from({ length: count }, (_, i) => {
    const distance = Math.sqrt(next()) * 30_000;
    const angle = next() * 2 * Math.PI;
    const services = [pick(next, SERVICES), ...some(next, SERVICES, 0.2)];
    return {
      place: {
        nationalId: `bench-${i}`,
        pivot: '00000000000000',
        name: `Lieu ${pick(next, ['numérique', 'France Services', 'social', 'des solidarités', 'de quartier'])} n° ${i}`,
        street: `${1 + (i % 120)} rue de la République`,
        city: 'Alpha',
        postalCode: '37000',
        inseeCode: null,
        addressComplement: null,
        latitude: Number((centre.latitude + (distance * Math.cos(angle)) / 111_320).toFixed(6)),
        longitude: Number((centre.longitude + (distance * Math.sin(angle)) / 75_000).toFixed(6)),
        typologies: [pick(next, TYPOLOGIES)],
        phone: null,
        emails: [],
        websites: [],
        openingHours: next() < 0.95 ? pick(next, hours) : null,
        summary: null,
        description: null,
        source: 'bench',
        parentStructure: null,
        updatedOn: '2026-11-30',
        services: [...new Set(services)],
        publics: some(next, PUBLICS, 0.15),
        specificSupport: some(next, SPECIFIC_SUPPORT, 0.1),
        fees: [pick(next, FEES)],
        itinerance: [],
        accessModes: some(next, ACCESS_MODES, 0.4),
        supportModes: some(next, SUPPORT_MODES, 0.4),
        accessibilityUrl: null,
        bookingUrl: null,
        nationalProgrammes: [],
        trainingLabels: [],
        otherLabels: [],
      },
      extras: { organisations: some(next, Object.keys(ORGANISATIONS), 0.15), themes: some(next, Object.keys(THEMES), 0.15) },
    };
  });
}
