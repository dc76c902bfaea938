// Les indicateurs sur un petit jeu connu, comptés à la main.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { diagnoses } from '../diagnosis/schema';
import { places } from '../directory/schema';
import { persons, queueEntries, solicitations } from '../reception/schema';
import { referrals } from '../referrals/schema';
import { readDashboard } from './dashboard.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { searchKey } from '../../platform/text';
import type { SteeringFilters } from './filters';
import { periodBuckets, readIndicators, readWaiting } from './indicators.server';
import { localDay } from '../../platform/time';
import { coopRow, type ExportRow } from './coop';
import { exportRows } from './exports.server';
import { annualReportPdf, readAnnualFigures, readReportText, saveReportText } from './annual-report.server';
import { labelsFor } from './labels';
import { openDataLine, protectCells } from './open-data';
import { filtersTable, indicatorCsvRows, indicatorTables } from './tables';
import { openDataCells } from './open-data.server';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { call, callScoped } from '../../../test/request';
import { placeRow } from '../directory/builders.server';
import type { Autonomy } from '../../vocabulary/coop';
import { personRow, solicitationRow } from '../reception/builders.server';

describe('indicateurs du pilotage', () => {
  let services: TestServices;
  let manager: Actor;
  let julien: string;
  let lucie: string;
  let siege: string;
  let permanence: string;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-11-26T10:00:00');
    const agents = await makeAgents(services.database, {
      'sophie@alpha': 'responsable',
      'julien@alpha': 'mediateur',
      'lucie@alpha': 'mediateur',
      'thomas@beta': 'mediateur',
    });
    const alpha = { id: agents['sophie@alpha'].structureId };
    const beta = { id: agents['thomas@beta'].structureId };
    const j = { id: agents['julien@alpha'].userId };
    const l = { id: agents['lucie@alpha'].userId };
    await operatorTransaction(services.database, async (tx) => {
      const [awa, jean] = await tx
        .insert(persons)
        .values([
          personRow(alpha.id, { firstName: 'Awa', birthYear: 1950, communeName: 'Alpha' }),
          personRow(alpha.id, { firstName: 'Jean', birthYear: 1990, communeName: 'Gamma', postalCode: '37000', communeInsee: '37999' }),
        ])
        .returning();
      // Deux lieux d'accueil : le siège, et une permanence.
      const site = (name: string) => placeRow(alpha.id, name, { receptionSite: true, city: 'Tours', inseeCode: '37261' });
      const [s1, s2] = await tx
        .insert(places)
        .values([site('Siège'), site('Permanence')])
        .returning();
      siege = s1!.id;
      permanence = s2!.id;
      const row = (at: string, change: Partial<typeof solicitations.$inferInsert>) =>
        solicitationRow(alpha.id, change.mediatorId ?? j.id, {
          occurredAt: new Date(at),
          procedure: 'Démarche',
          theme: 'social_sante',
          ...change,
        });
      await tx.insert(solicitations).values([
        // 2025 : 2 sollicitations (hors période par défaut si la période commence en 2026).
        row('2025-03-10T10:00:00', { mode: 'fait_a_la_place', personId: awa!.id, siteId: siege }),
        row('2025-06-10T10:00:00', { mode: 'fait_a_la_place' }),
        // 2026 : 4 sollicitations dans la période.
        // Au siège les 5 et 6 janvier, à la permanence le 2 février ; le 3 février, sans lieu noté.
        row('2026-01-05T10:00:00', { personId: awa!.id, durationMinutes: 30, siteId: siege }),
        row('2026-01-06T10:00:00', {
          personId: jean!.id,
          organisations: ['dgfip'],
          theme: 'argent_impots',
          level: 'urgence',
          outcome: 'bloque',
          blockedCause: 'institution_site_en_panne',
          durationMinutes: 40,
          siteId: siege,
        }),
        row('2026-02-02T10:00:00', {
          mediatorId: l.id,
          mode: 'fait_a_la_place',
          anonymousAgeBand: 'soixante_dix_plus',
          anonymousCommune: 'Alpha',
          siteId: permanence,
        }),
        row('2026-02-03T10:00:00', {
          mediatorId: l.id,
          organisations: ['caf', 'cpam'],
          mode: 'forme',
          channel: 'telephone',
          skills: ['email', 'navigation_sur_internet'],
        }),
      ]);
      // Diagnostics : Awa progresse (40 puis 70), Jean recule (60 puis 50) ; celui de 2025 et celui de Beta ne comptent pas.
      const diagnosis = (personId: string, at: string, overallScore: number, autonomy: Autonomy, structureId = alpha.id) => ({
        structureId,
        personId,
        answers: {},
        blockScores: {},
        overallScore,
        computedLevel: 'inclusion' as const,
        level: 'inclusion' as const,
        autonomy,
        createdAt: new Date(at),
        createdBy: j.id,
      });
      const [other] = await tx
        .insert(persons)
        .values({ structureId: beta.id, firstName: 'Zoé', searchName: searchKey('Zoé') })
        .returning();
      await tx
        .insert(diagnoses)
        .values([
          diagnosis(awa!.id, '2025-10-01T10:00:00', 10, 'entierement_accompagne'),
          diagnosis(awa!.id, '2026-01-05T10:30:00', 40, 'entierement_accompagne'),
          diagnosis(awa!.id, '2026-06-01T10:30:00', 70, 'partiellement_autonome'),
          diagnosis(jean!.id, '2026-01-06T10:30:00', 60, 'partiellement_autonome'),
          diagnosis(jean!.id, '2026-03-01T10:30:00', 50, 'partiellement_autonome'),
          diagnosis(other!.id, '2026-01-06T10:30:00', 20, 'entierement_accompagne', beta.id),
          diagnosis(other!.id, '2026-03-06T10:30:00', 90, 'autonome', beta.id),
        ]);
      // Orientations : en 2026, une close en 4 jours et une sans réponse ; celle de 2025 ne compte pas pour 2026.
      const referral = (personId: string, at: string, closedAt: string | null) => ({
        structureId: alpha.id,
        personId,
        placeId: siege,
        reason: 'Atelier',
        channel: 'seule',
        consentShare: false,
        createdAt: new Date(at),
        createdBy: j.id,
        ...(closedAt ? { status: 'close' as const, outcome: 'venue', outcomeAt: new Date(closedAt) } : {}),
      });
      await tx
        .insert(referrals)
        .values([
          referral(awa!.id, '2025-06-10T11:00:00', '2025-06-11T11:00:00'),
          referral(awa!.id, '2026-01-05T11:00:00', '2026-01-09T11:00:00'),
          referral(jean!.id, '2026-02-03T11:00:00', null),
        ]);
      // Une sollicitation d'une autre structure ne compte jamais.
      await tx
        .insert(solicitations)
        .values(
          solicitationRow(beta.id, j.id, { occurredAt: new Date('2026-01-05T10:00:00'), procedure: 'Démarche', durationMinutes: 10 }),
        );
      await tx.insert(queueEntries).values([
        { structureId: alpha.id, displayName: 'A', arrivedAt: new Date('2026-01-05T09:00:00'), takenAt: new Date('2026-01-05T09:10:00') },
        { structureId: alpha.id, displayName: 'B', arrivedAt: new Date('2026-01-05T09:30:00'), takenAt: new Date('2026-01-05T10:00:00') },
        { structureId: alpha.id, displayName: 'C', arrivedAt: new Date('2026-01-06T09:30:00'), leftAt: new Date('2026-01-06T10:00:00') },
      ]);
    });
    manager = agents['sophie@alpha'];
    julien = j.id;
    lucie = l.id;
  });
  afterAll(() => services.database.close());

  const read = (filters: SteeringFilters) =>
    transaction(services.database, manager, (tx) => readIndicators(tx, manager.structureId, filters));
  const year2026 = { du: '2026-01-01', au: '2026-11-26' };

  it('compte la période, toute l’histoire par année, et les parts de modes', async () => {
    const ind = await read(year2026);
    expect(ind.total).toEqual({ count: 4, minutes: 110 });
    expect(ind.byYear).toEqual([
      { year: 2025, count: 2 },
      { year: 2026, count: 4 },
    ]);
    expect(ind.byYearMode).toEqual(
      expect.arrayContaining([
        { year: 2025, mode: 'fait_a_la_place', count: 2 },
        { year: 2026, mode: 'accompagne', count: 2 },
        { year: 2026, mode: 'fait_a_la_place', count: 1 },
        { year: 2026, mode: 'forme', count: 1 },
      ]),
    );
    // Les mois de la période seulement ; les années couvrent toute l'histoire.
    expect(ind.byMonth).toEqual([
      { month: '2026-01', count: 2 },
      { month: '2026-02', count: 2 },
    ]);
    expect(ind.byMonthMode).toEqual(expect.arrayContaining([{ month: '2026-02', mode: 'forme', count: 1 }]));
    expect(ind.byMonthMode.some((r) => r.month.startsWith('2025'))).toBe(false);
  });

  it("filtre un lieu d'accueil jusque dans l'histoire par année, sans les compteurs de toute la structure", async () => {
    const ind = await read({ ...year2026, lieu: siege });
    expect(ind.total).toEqual({ count: 2, minutes: 70 });
    expect(ind.byYear).toEqual([
      { year: 2025, count: 1 },
      { year: 2026, count: 2 },
    ]);
    // L'attente se note avant qu'on sache le lieu : le tableau de bord ne la montre pas sous ce filtre.
    expect((await call(services, manager, readDashboard, { ...year2026, lieu: permanence } as SteeringFilters)).waiting).toEqual([]);
  });

  it('ventile par organisme (le premier), thématique, niveau, résultat et cause', async () => {
    const ind = await read(year2026);
    expect(ind.byOrganisation).toEqual([
      { key: 'caf', count: 3 },
      { key: 'dgfip', count: 1 },
    ]);
    expect(ind.byTheme).toEqual([
      { key: 'social_sante', count: 3 },
      { key: 'argent_impots', count: 1 },
    ]);
    expect(ind.byLevel).toEqual([
      { key: 'inclusion', count: 3 },
      { key: 'urgence', count: 1 },
    ]);
    expect(ind.byOutcome).toEqual([
      { key: 'fait', count: 3 },
      { key: 'bloque', count: 1 },
    ]);
    expect(ind.byCause).toEqual([{ key: 'institution_site_en_panne', count: 1 }]);
  });

  it('mesure la charge par médiateur et par semaine', async () => {
    const ind = await read(year2026);
    expect(ind.workload).toEqual(
      expect.arrayContaining([
        { mediatorId: julien, week: '2026-01-05', count: 2, minutes: 70 },
        { mediatorId: lucie, week: '2026-02-02', count: 2, minutes: 40 },
      ]),
    );
    expect(ind.workload).toHaveLength(2);
  });

  it('applique chaque filtre', async () => {
    const count = async (change: Partial<SteeringFilters>) => (await read({ ...year2026, ...change })).total.count;
    expect(await count({ mediateur: lucie })).toBe(2);
    expect(await count({ organisme: 'cpam' })).toBe(1);
    expect(await count({ thematique: 'argent_impots' })).toBe(1);
    expect(await count({ niveau: 'urgence' })).toBe(1);
    expect(await count({ mode: 'fait_a_la_place' })).toBe(1);
    expect(await count({ resultat: 'bloque' })).toBe(1);
    expect(await count({ canal: 'telephone' })).toBe(1);
    // Awa (née en 1950) a 76 ans en 2026 ; la personne anonyme a 70 ans et plus.
    expect(await count({ age: 'soixante_dix_plus' })).toBe(2);
    expect(await count({ age: 'vingt_cinq_trente_neuf' })).toBe(1);
    expect(await count({ commune: 'alpha' })).toBe(2);
    expect(await count({ du: '2026-02-01', au: '2026-02-02' })).toBe(1);
    expect(await count({ lieu: siege })).toBe(2);
    expect(await count({ lieu: permanence })).toBe(1);
    expect(await count({ du: '2026-03-01', au: '2026-11-26' })).toBe(0);
  });

  it('exporte le détail anonyme par lots, dans l’ordre, et au format de la Coop', async () => {
    const batches: ExportRow[][] = [];
    for await (const batch of exportRows(services, manager, year2026, 3)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([3, 1]);
    const rows = batches.flat();
    expect(rows.map((r) => localDay(r.occurredAt))).toEqual(['2026-01-05', '2026-01-06', '2026-02-02', '2026-02-03']);
    expect(rows[0]).toMatchObject({ ageBand: 'soixante_dix_plus', commune: 'Alpha', site: { name: 'Siège', insee: '37261' } });
    expect(rows.map((r) => r.site?.name ?? null)).toEqual(['Siège', 'Siège', 'Permanence', null]);
    expect(Object.values(rows[0]!)).not.toContain('Awa');
    const home = { name: "CCAS d'Alpha", street: '2 rue Haute', postalCode: '37000', city: 'Tours', insee: '37261' };
    // Sur place au siège : le lieu d'accueil ; accompagnée sans autonomie notée : « entièrement accompagnée ».
    expect(coopRow(rows[1]!, home)).toEqual([
      '2026-01-06',
      'individuel',
      'lieu_activite',
      'Siège',
      '1 place Neuve',
      '37000',
      'Tours',
      '37261',
      '40',
      '',
      'aide_aux_demarches_administratives,argent_impots',
      'Démarche',
      'entierement_accompagne',
      'false',
      '',
      'Gamma',
      '37000',
      '37999',
      'non_communique',
      'vingt_cinq_trente_neuf',
      'non_communique',
      '',
      '',
      '1',
    ]);
    // Formée au téléphone : à distance, donc la structure ; ses compétences travaillées en tête des thématiques.
    const remote = coopRow(rows[3]!, home);
    expect(remote.slice(0, 8)).toEqual([
      '2026-02-03',
      'individuel',
      'a_distance',
      "CCAS d'Alpha",
      '2 rue Haute',
      '37000',
      'Tours',
      '37261',
    ]);
    expect(remote[10]).toBe('email,navigation_sur_internet,aide_aux_demarches_administratives,social_sante');
    expect(remote[12]).toBe('partiellement_autonome');
    // Faite à la place : pas d'autonomie à dire.
    expect(coopRow(rows[2]!, home)[12]).toBe('');
  });

  it('met chaque indicateur du tableau de bord dans les exports (feuilles XLSX et CSV des indicateurs)', async () => {
    const dashboard = await call(services, manager, readDashboard, year2026 as SteeringFilters);
    const tables = indicatorTables(
      dashboard,
      year2026,
      labelsFor({ caf: 'CAF', dgfip: 'DGFiP / impots.gouv' }),
      new Map([
        [julien, 'Julien'],
        [lucie, 'Lucie'],
      ]),
    );
    const rows = (name: string) => tables.find((t) => t.name === name)?.rows;
    expect(tables.map((t) => t.name)).toEqual([
      'Période',
      'Par année',
      'Modes par année',
      'Par mois',
      'Modes par mois',
      'Organismes',
      'Thématiques',
      'Niveaux',
      'Résultats',
      'Causes de blocage',
      'Charge par semaine',
      "Attente à l'accueil",
      'Orientations',
      'Mandats',
      'Autonomie',
    ]);
    expect(rows('Période')).toEqual([
      ['Du', '2026-01-01'],
      ['Au', '2026-11-26'],
      ['Sollicitations', 4],
      ["Minutes d'accompagnement", 110],
    ]);
    expect(rows('Par année')).toEqual([
      [2025, 2],
      [2026, 4],
    ]);
    expect(rows('Organismes')).toEqual([
      ['CAF', 3],
      ['DGFiP / impots.gouv', 1],
    ]);
    expect(rows('Charge par semaine')!.sort()).toEqual([
      ['Julien', '2026-01-05', 2, 70],
      ['Lucie', '2026-02-02', 2, 40],
    ]);
    expect(rows("Attente à l'accueil")).toEqual([['2026-01', 2, 1, 20, 20]]);
    expect(rows('Orientations')).toEqual([
      ['Orientations envoyées', 2],
      ['Orientations closes', 1],
      ['Délai médian jusqu’au résultat (jours)', 4],
    ]);
    expect(rows('Mandats')).toEqual([["Mandats actifs aujourd'hui", 0]]);
    expect(rows('Autonomie')).toEqual([
      ['Rediagnostiquées sur la période', 2],
      ['En progrès', 1],
      ['En recul', 1],
    ]);
    // La feuille « Filtres » du classeur : la portée en mots.
    const labels = labelsFor({ caf: 'CAF' });
    const scope = filtersTable({ ...year2026, lieu: siege, mediateur: julien, organisme: 'caf', mode: 'forme' }, labels, {
      mediators: new Map([[julien, 'Julien']]),
      sites: new Map([[siege, 'Siège']]),
    });
    expect(scope.rows).toEqual([
      ['Période', 'du 01/01/2026 au 26/11/2026'],
      ["Lieu d'accueil", 'Siège'],
      ['Médiateur', 'Julien'],
      ['Organisme', 'CAF'],
      ["Mode d'aide", 'Formé'],
    ]);
    expect(filtersTable(year2026, labels, { mediators: new Map(), sites: new Map() }).rows).toEqual([
      ['Période', 'du 01/01/2026 au 26/11/2026'],
      ['Autres filtres', 'Aucun : toute la structure'],
    ]);
    const csv = indicatorCsvRows(tables);
    expect(csv[0]).toEqual(['Indicateur', 'Catégorie', 'Valeur']);
    expect(csv).toContainEqual(['Période', 'Sollicitations', 4]);
    expect(csv).toContainEqual(['Modes par année', '2025 · Fait à la place', 2]);
    expect(csv).toContainEqual(['Charge par semaine — Minutes', 'Julien · 2026-01-05', 70]);
    expect(csv).toContainEqual(["Attente à l'accueil — Parties sans être reçues", '2026-01', 1]);
    // Sous le filtre d'un médiateur, ni attente ni progression : les feuilles manquent plutôt que d'être fausses.
    const personal = indicatorTables(
      await call(services, manager, readDashboard, { ...year2026, mediateur: julien } as SteeringFilters),
      year2026,
      labelsFor({}),
      new Map(),
    );
    expect(personal.map((t) => t.name)).not.toContain("Attente à l'accueil");
    expect(personal.map((t) => t.name)).not.toContain('Autonomie');
    expect(personal.map((t) => t.name)).toContain('Orientations');
    // Les orientations ne connaissent pas l'organisme : sous ce filtre, elles manquent.
    expect((await call(services, manager, readDashboard, { ...year2026, organisme: 'caf' } as SteeringFilters)).referrals).toBeNull();
  });

  it("édite le rapport d'activité annuel avec les chiffres de l'année et le texte du responsable", async () => {
    await call(services, manager, saveReportText, 2026, 'Nous proposons un quatrième poste de médiateur.');
    const figures = await call(services, manager, readAnnualFigures, 2026);
    expect(figures).toMatchObject({
      year: 2026,
      persons: 2,
      mandatesSigned: 0,
      acts: 0,
      diagnoses: { persons: 2, repeated: 2, improved: 1, declined: 1 },
      referrals: { sent: 2, closed: 1, medianDays: 4 },
    });
    const pdf = await annualReportPdf(
      figures,
      await call(services, manager, readReportText, 2026),
      labelsFor({ caf: 'CAF', dgfip: 'DGFiP / impots.gouv' }),
    );
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++)
      text += (await (await document.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + ' ';
    text = text.replace(/\s+/g, ' ');
    for (const expected of [
      "Rapport d'activité 2026",
      "CCAS d'Alpha",
      '4 sollicitations (+100 % par rapport à 2025).',
      '2 personnes identifiées différentes accompagnées (sans compter les demandes anonymes), pendant 1 h 50 au total.',
      '25 % des démarches ont été faites à la place des personnes',
      '2025 : 2 sollicitations.',
      'CAF : 3 (75 %)',
      'Urgence numérique : 25 %',
      '2025 : 100 % « fait à la place ».',
      '2026 : 25 % « fait à la place ».',
      'Nous proposons un quatrième poste de médiateur.',
      '2 personnes diagnostiquées en 2026 ; 2 personnes rediagnostiquées : 1 en progrès (50 %), 1 en recul.',
      '2 orientations en 2026 : 1 close (50 %), résultat connu en 4 j en médiane.',
    ])
      expect(text).toContain(expected);
  });

  it('compte la progression entre premiers et derniers diagnostics de la période, pour la structure seulement', async () => {
    expect((await call(services, manager, readDashboard, year2026 as SteeringFilters)).autonomy).toEqual({
      repeated: 2,
      improved: 1,
      declined: 1,
    });
    // Sur la seule année 2025 : Awa n'a qu'un diagnostic.
    expect((await call(services, manager, readDashboard, { du: '2025-01-01', au: '2025-12-31' } as SteeringFilters)).autonomy).toEqual({
      repeated: 0,
      improved: 0,
      declined: 0,
    });
    // Le tableau personnel d'un médiateur, ou la vue d'un seul organisme, ne la montre pas.
    expect((await call(services, manager, readDashboard, { ...year2026, mediateur: julien } as SteeringFilters)).autonomy).toBeNull();
    expect((await call(services, manager, readDashboard, { ...year2026, organisme: 'caf' } as SteeringFilters)).autonomy).toBeNull();
  });

  it('publie des comptes mensuels agrégés, en masquant les cases de moins de 5 personnes', async () => {
    const cells = await callScoped(services, openDataCells, manager.structureId);
    expect(cells.filter((c) => c.month === '2026-01' && c.dimension === 'niveau')).toEqual([
      { month: '2026-01', dimension: 'niveau', value: 'inclusion', count: 1, persons: 1 },
      { month: '2026-01', dimension: 'niveau', value: 'urgence', count: 1, persons: 1 },
    ]);
    expect(new Set(cells.map((c) => c.dimension))).toEqual(new Set(['thematique', 'niveau', 'mode', 'resultat']));
    expect(
      protectCells(cells)
        .map((c) => openDataLine(c))
        .every((line) => line[3] === '' && line[4] === 'oui'),
    ).toBe(true);
    expect(openDataLine({ month: '2026-01', dimension: 'mode', value: 'forme', count: 7, persons: 5, hidden: false })).toEqual([
      '2026-01',
      'mode',
      'forme',
      '7',
      'non',
    ]);
    // Le mois en cours (novembre 2026 ici) n'est jamais publié : il change encore.
    expect(cells.some((c) => c.month === '2026-11')).toBe(false);
  });

  it('range les mois de la période, passage d’année compris', () => {
    expect(periodBuckets('2025-11-15', '2026-02-01').months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodBuckets('2026-03-31', '2026-03-31').months).toEqual(['2026-03']);
  });

  it("mesure l'attente à l'accueil par mois", async () => {
    const waiting = await transaction(services.database, manager, (tx) => readWaiting(tx, manager.structureId, year2026));
    expect(waiting).toEqual([{ month: '2026-01', received: 2, left: 1, average: 20, median: 20 }]);
  });
});
