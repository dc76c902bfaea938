import { describe, expect, it } from 'vitest';
import { organisationCatalog } from '../reception/organisations';
import { distanceKm, formatDistance, formToNationalRecord, parseSearch, readRelaisExtras } from './rules';

const parse = (query: string) => parseSearch(new URLSearchParams(query), organisationCatalog(), ['CCAS', 'BIB']);

describe('filtres de recherche de l’annuaire', () => {
  it('lit un besoin de chaque sorte', () => {
    expect(parse('besoin=organisme:caf').search.need).toEqual({ kind: 'organisme', value: 'caf' });
    expect(parse('besoin=service:Aide aux démarches administratives').search.need).toEqual({
      kind: 'service',
      value: 'Aide aux démarches administratives',
    });
    expect(parse('besoin=thematique:logement').search.need).toEqual({ kind: 'thematique', value: 'logement' });
  });

  it('ignore et signale une valeur inconnue, sans erreur', () => {
    const { search, notices } = parse('besoin=organisme:licorne&public=Martiens&typologie=XYZ&ouvert=parfois');
    expect(search).toEqual({ page: 1 });
    expect(notices).toEqual([
      'Le filtre « Besoin » a une valeur inconnue (« organisme:licorne ») : il est ignoré.',
      'Le filtre « Public » a une valeur inconnue (« Martiens ») : il est ignoré.',
      'Le filtre « Typologie » a une valeur inconnue (« XYZ ») : il est ignoré.',
      'Le filtre « Ouverture » a une valeur inconnue (« parfois ») : il est ignoré.',
    ]);
  });

  it('ouvert tel jour : exige une date réelle', () => {
    expect(parse('ouvert=jour&jour=2026-12-05').search.open).toEqual({ kind: 'jour', day: '2026-12-05' });
    expect(parse('ouvert=jour&jour=2026-02-30')).toMatchObject({
      search: { page: 1 },
      notices: ['Choisissez le jour d’ouverture (JJ/MM/AAAA) : le filtre « Ouverture » est ignoré.'],
    });
  });

  it('point de départ : structure, lieu, position ; un rayon sans départ est signalé', () => {
    expect(parse('depuis=structure&rayon=5').search).toMatchObject({ from: { kind: 'structure' }, radiusKm: 5 });
    expect(parse('depuis=lieu:7d8f2a4e-1b2c-4d5e-8f90-123456789abc').search.from).toEqual({
      kind: 'lieu',
      placeId: '7d8f2a4e-1b2c-4d5e-8f90-123456789abc',
    });
    expect(parse('depuis=position&lat=47.39&lon=0.68').search.from).toEqual({ kind: 'position', latitude: 47.39, longitude: 0.68 });
    expect(parse('depuis=position&lat=147&lon=0.68').notices).toEqual([
      "Votre position n'a pas pu être lue : la distance n'est pas calculée.",
    ]);
    expect(parse('rayon=5')).toMatchObject({
      search: { page: 1 },
      notices: ['Un rayon demande un point de départ : choisissez « Distance depuis ».'],
    });
    expect(parse('depuis=structure&rayon=7').notices).toEqual([
      'Le filtre « Dans un rayon de » a une valeur inconnue (« 7 ») : il est ignoré.',
    ]);
  });

  it('ramène une page absurde à la première', () => {
    expect(parse('page=-3').search.page).toBe(1);
    expect(parse('page=abc').search.page).toBe(1);
    expect(parse('page=4').search.page).toBe(4);
  });
});

describe('formulaire d’un lieu', () => {
  it('joint les cases cochées par | et laisse de côté les champs vides ou inconnus', () => {
    expect(
      formToNationalRecord({
        nom: ' Lieu ',
        services: ['Aide aux démarches administratives', 'Accès internet et matériel informatique'],
        telephone: '',
        couleur: 'bleu',
      }),
    ).toEqual({
      nom: 'Lieu',
      services: 'Aide aux démarches administratives|Accès internet et matériel informatique',
    });
  });
  it('ne garde que les organismes et thématiques connus', () => {
    expect(readRelaisExtras({ organisations: ['caf', 'licorne'], themes: 'logement' }, organisationCatalog())).toEqual({
      organisations: ['caf'],
      themes: ['logement'],
      partnerStructureId: null,
      receptionSite: false,
    });
  });

  it("lit la case « lieu d'accueil de notre structure »", () => {
    expect(readRelaisExtras({ lieu_accueil: 'oui' }, organisationCatalog()).receptionSite).toBe(true);
  });
});

describe('distance', () => {
  it('à l’échelle d’un territoire, à 0,1 % près de la distance sur la sphère (0,3 % à 70 km)', () => {
    // Tours → Amboise : 22,513 km par la formule de haversine ; à 73 km (vers Orléans), 72,720 km.
    const km = distanceKm({ latitude: 47.3941, longitude: 0.6848 }, { latitude: 47.4132, longitude: 0.9826 });
    expect(Math.abs(km - 22.5128) / 22.5128).toBeLessThan(0.001);
    const far = distanceKm({ latitude: 47.3941, longitude: 0.6848 }, { latitude: 47.9, longitude: 1.3 });
    expect(Math.abs(far - 72.7205) / 72.7205).toBeLessThan(0.003);
    expect(distanceKm({ latitude: 47.3941, longitude: 0.6848 }, { latitude: 47.4041, longitude: 0.6848 })).toBeCloseTo(1.112, 3);
  });
  it.each([
    [0.01, 'moins de 50\u00a0m'],
    [0.354, '350\u00a0m'],
    [1.23, '1,2\u00a0km'],
    [12.6, '13\u00a0km'],
  ])('%s km → %s', (km, text) => expect(formatDistance(km)).toBe(text));
});
