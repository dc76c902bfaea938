// L'annuaire sur une vraie base : saisie, recherche (besoin, ouverture, distance), import et export au format
// national (aller-retour identique, rapport ligne par ligne, rien d'écrit pour un fichier refusé), isolement.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { places } from './schema';
import { structures } from '../../platform/schema';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { communesFor } from '../reception/communes.server';
import { fromSchemaLieuDeMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { exportPlaces, importPlaces } from './import-places.server';
import { readNationalRecord, type NationalPlace } from './national-format';
import { createPlace, readPlace, setPlaceActive, updatePlace } from './places.server';
import { searchPlaces } from './search-places.server';
import { parseSearch } from './rules';
import { organisationCatalog } from '../reception/organisations';
import { call } from '../../../test/request';
import { runAs } from '../../platform/request.server';

const CENTRE = { latitude: 47.3941, longitude: 0.6848 };
const record = (change: Record<string, unknown>) => ({
  pivot: '00000000000000',
  adresse: '1 rue Nationale',
  commune: 'Tours',
  code_postal: '37000',
  date_maj: '2026-11-30',
  services: 'Aide aux démarches administratives',
  horaires: 'Mo-Fr 09:00-12:00,13:30-17:00; PH off',
  ...change,
});
const place = (change: Record<string, unknown>): NationalPlace => {
  const reading = readNationalRecord(record({ id: String(change.nom).toLowerCase().replace(/\W+/g, '-'), ...change }), { communesFor });
  if (!reading.ok) throw new Error(JSON.stringify(reading.errors));
  return reading.place;
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe("l'annuaire des lieux", () => {
  let services: TestServices;
  let manager: Actor;
  let mediator: Actor;
  let other: Actor;
  const search = (query: string, at = new Date('2026-12-01T10:00:00')) =>
    runAs(services, mediator, (ctx) =>
      searchPlaces({ ...ctx, now: at }, parseSearch(new URLSearchParams(query), organisationCatalog(), ['CCAS', 'BIB', 'RFS']).search),
    );
  const names = async (query: string, at?: Date) => (await search(query, at)).hits.map((h) => h.name);

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    const agents = await makeAgents(services.database, {
      'manager@alpha': 'responsable',
      'mediator@alpha': 'mediateur',
      'other@beta': 'responsable',
    });
    [manager, mediator, other] = [agents['manager@alpha'], agents['mediator@alpha'], agents['other@beta']];
    await operatorTransaction(services.database, (tx) => tx.update(structures).set(CENTRE).where(eq(structures.id, manager.structureId)));
    // Trois lieux : à 0, ~1,1 km et ~5,5 km du centre ; deux aident pour la CAF ; un n'ouvre que le samedi.
    await call(
      services,
      manager,
      createPlace,
      place({ nom: 'France Services Centre', latitude: 47.3941, longitude: 0.6848, typologie: 'RFS' }),
      { organisations: ['caf', 'cpam'], themes: ['social_sante'], partnerStructureId: other.structureId, receptionSite: true },
    );
    await call(
      services,
      manager,
      createPlace,
      place({ nom: 'Point CAF', latitude: 47.4041, longitude: 0.6848, horaires: 'Mo-Fr 13:30-17:00; PH off' }),
      { organisations: ['caf'], themes: [] },
    );
    await call(
      services,
      manager,
      createPlace,
      place({
        nom: 'Médiathèque',
        latitude: 47.4441,
        longitude: 0.6848,
        typologie: 'BIB',
        horaires: 'Sa 10:00-12:00',
        services: 'Maîtrise des outils numériques du quotidien',
        publics_specifiquement_adresses: 'Seniors',
      }),
      { organisations: [], themes: [] },
    );
    await call(services, other, createPlace, place({ nom: 'Lieu de Beta', latitude: 47.3941, longitude: 0.6848 }), {
      organisations: ['caf'],
      themes: [],
    });
  });
  afterAll(() => services.database.close());

  it('trouve un lieu ouvert maintenant pour les démarches CAF, le plus proche en premier', async () => {
    expect(await names('besoin=organisme:caf&depuis=structure')).toEqual(['France Services Centre', 'Point CAF']);
    expect(await names('besoin=organisme:caf&ouvert=maintenant&depuis=structure')).toEqual(['France Services Centre']);
    const [first] = (await search('besoin=organisme:caf&depuis=structure')).hits;
    expect(first!.status!.text).toBe('Ouvert maintenant · ferme à 12\u00a0h');
    expect(first!.distanceKm).toBeCloseTo(0, 3);
  });

  it('mesure la distance et filtre par rayon', async () => {
    const result = await search('depuis=structure');
    expect(result.hits.map((h) => [h.name, Math.round(h.distanceKm! * 10) / 10])).toEqual([
      ['France Services Centre', 0],
      ['Point CAF', 1.1],
      ['Médiathèque', 5.6],
    ]);
    expect(await names('depuis=structure&rayon=5')).toEqual(['France Services Centre', 'Point CAF']);
    expect((await search('depuis=position&lat=47.4441&lon=0.6848')).hits[0]!.name).toBe('Médiathèque');
  });

  it('filtre par service, public, typologie, jour d’ouverture et nom', async () => {
    expect(await names('besoin=service:Maîtrise des outils numériques du quotidien')).toEqual(['Médiathèque']);
    expect(await names('public=Seniors')).toEqual(['Médiathèque']);
    expect(await names('typologie=RFS')).toEqual(['France Services Centre']);
    expect(await names('ouvert=jour&jour=2026-12-05')).toEqual(['Médiathèque']);
    expect(await names('q=mediatheque')).toEqual(['Médiathèque']);
  });

  it('ne montre jamais les lieux d’une autre structure, ni un lieu retiré', async () => {
    expect(await names('besoin=organisme:caf')).not.toContain('Lieu de Beta');
    const [beta] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(places).where(eq(places.structureId, other.structureId)),
    );
    expect(await call(services, mediator, readPlace, beta!.id)).toBeNull();
    expect(await call(services, manager, updatePlace, beta!.id, place({ nom: 'Pris' }), { organisations: [], themes: [] })).toEqual({
      ok: false,
      error: 'introuvable',
    });
    expect(await call(services, manager, setPlaceActive, beta!.id, false)).toBe(false);
    const [own] = (await search('q=point caf')).hits;
    await call(services, manager, setPlaceActive, own!.id, false);
    expect(await names('q=point caf')).toEqual([]);
    await call(services, manager, setPlaceActive, own!.id, true);
  });

  it('refuse deux lieux de même identifiant national dans la structure', async () => {
    expect(await call(services, manager, createPlace, place({ id: 'doublon', nom: 'A' }), { organisations: [], themes: [] })).toMatchObject(
      { ok: true },
    );
    expect(await call(services, manager, createPlace, place({ id: 'doublon', nom: 'B' }), { organisations: [], themes: [] })).toEqual({
      ok: false,
      error: 'identifiant_pris',
    });
    expect((await call(services, other, createPlace, place({ id: 'doublon', nom: 'B' }), { organisations: [], themes: [] })).ok).toBe(true);
  });

  it('exporte, réimporte et réexporte à l’identique (CSV et JSON)', async () => {
    for (const format of ['csv', 'json'] as const) {
      const first = await call(services, manager, exportPlaces, format);
      const report = await call(services, manager, importPlaces, { name: `lieux.${format}`, bytes: bytes(first) });
      expect(report).toMatchObject({ ok: true, created: 0, updated: 4, rejected: 0, errors: [] });
      expect(await call(services, manager, exportPlaces, format)).toBe(first);
    }
    // Le fichier exporté se relit par la bibliothèque officielle sans perte : un import dans Beta donne le même fichier.
    const csv = await call(services, manager, exportPlaces, 'csv');
    const fresh = (await makeAgents(services.database, { 'fresh@gamma': 'responsable' }))['fresh@gamma'];
    expect(await call(services, fresh, importPlaces, { name: 'lieux.csv', bytes: bytes(csv) })).toMatchObject({ ok: true, created: 4 });
    expect(await call(services, fresh, exportPlaces, 'csv')).toBe(csv);
  });

  it('importe les lignes valides en une fois et rapporte chaque erreur par ligne et par colonne', async () => {
    const header = 'id,pivot,nom,adresse,commune,code_postal,services,date_maj,telephone,horaires';
    const csv = [
      header,
      'imp-1,00000000000000,Lieu un,1 rue A,Tours,37000,Aide aux démarches administratives,2026-11-30,02 47 00 00 00,Mo-Fr 09:00-12:00',
      'imp-2,00000000000000,Lieu deux,1 rue B,Tours,3700,Aide aux démarches administratives,2026-11-30,123,tous les jours',
      'imp-3,00000000000000,Lieu trois,1 rue C,Tours,37000,Aide aux démarches administratives,2026-11-30,,',
      'imp-1,00000000000000,Lieu un bis,1 rue A,Tours,37000,Aide aux démarches administratives,2026-11-30,,',
    ].join('\n');
    const report = await call(services, manager, importPlaces, { name: 'lieux.csv', bytes: bytes(csv) });
    expect(report).toMatchObject({ ok: true, total: 4, created: 2, updated: 0, rejected: 2 });
    if (!report.ok) return;
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'code_postal'],
      [3, 'telephone'],
      [3, 'horaires'],
      [5, 'id'],
    ]);
    expect(report.errors[0]).toMatchObject({
      name: 'Lieu deux',
      label: 'Code postal',
      message: 'Le code postal doit compter 5 chiffres (reçu « 3700 »).',
    });
    expect(await names('q=lieu un')).toEqual(['Lieu un']);
  });

  it('ne perd aucune ligne que la bibliothèque officielle accepte : CEDEX, courriel accentué, deux sites', async () => {
    const base = {
      pivot: '00000000000000',
      adresse: '1 rue A',
      commune: 'Tours',
      services: 'Aide aux démarches administratives',
      date_maj: '2026-11-30',
    };
    const records = [
      { ...base, id: 'nat-1', nom: 'CAF accueil', code_postal: '37911' },
      { ...base, id: 'nat-2', nom: 'CPAM accueil', code_postal: '37911 CEDEX 9' },
      { ...base, id: 'nat-3', nom: 'Médiathèque', code_postal: '37000', courriels: 'accueil@médiathèque-alpha.fr' },
      { ...base, id: 'nat-4', nom: 'Espace numérique', code_postal: '37000', site_web: 'https://a.alpha.test;https://b.alpha.test' },
    ];
    // La référence : la bibliothèque officielle lit chacune de ces lignes (sauf la mention CEDEX, que Relais retire).
    for (const record of records.filter((r) => r.id !== 'nat-2'))
      expect(() => fromSchemaLieuDeMediationNumerique(record as never)).not.toThrow();
    const columns = ['id', 'pivot', 'nom', 'adresse', 'commune', 'code_postal', 'services', 'date_maj', 'courriels', 'site_web'] as const;
    const csv = [columns.join(','), ...records.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? '').join(','))].join('\n');
    const report = await call(services, manager, importPlaces, { name: 'lieux.csv', bytes: bytes(csv) });
    expect(report).toMatchObject({ ok: true, total: 4, created: 4, rejected: 0 });
    if (report.ok)
      expect(report.warnings.map((w) => [w.line, w.column])).toEqual([
        [2, 'code_postal'],
        [3, 'code_postal'],
        [3, 'code_postal'],
        [4, 'courriels'],
        [5, 'site_web'],
      ]);
  });

  it("n'écrit rien pour un fichier refusé", async () => {
    const before = await countPlaces(services);
    const report = await call(services, manager, importPlaces, { name: 'lieux.csv', bytes: bytes('id;pivot;nom\nx;y;z\n') });
    expect(report).toMatchObject({ ok: false, error: expect.stringMatching(/^Les colonnes sont séparées par des points-virgules/) });
    expect(await countPlaces(services)).toBe(before);
  });

  it("garde les ajouts de Relais (organismes, thématiques, partenaire, lieu d'accueil) quand un import met un lieu à jour", async () => {
    const [centre] = (await search('q=france services centre')).hits;
    const csv = await call(services, manager, exportPlaces, 'csv');
    await call(services, manager, importPlaces, {
      name: 'lieux.csv',
      bytes: bytes(csv.replace('France Services Centre', 'France Services du Centre')),
    });
    const row = await call(services, manager, readPlace, centre!.id);
    expect(row).toMatchObject({
      name: 'France Services du Centre',
      organisations: ['caf', 'cpam'],
      themes: ['social_sante'],
      partnerStructureId: other.structureId,
      receptionSite: true,
    });
  });
});

async function countPlaces(services: TestServices) {
  return operatorTransaction(services.database, async (tx) => (await tx.select({ n: count() }).from(places))[0]!.n);
}
