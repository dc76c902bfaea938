// L'export de la Coop confronté aux énumérations de la Coop (fixture relevée dans son schéma Prisma de juin 2025) :
// chaque valeur que Relais écrit existe chez elle, et aucune colonne retirée en 2025 ne revient.
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/coop-enums-2025-06.json';
import { CHANNELS, MODES, OUTCOMES } from '../reception/vocabulary';
import { AGE_BANDS, AUTONOMY, DIGITAL_SKILLS, EQUIPMENT, REDIRECTIONS, THEMES } from '../../vocabulary/coop';
import {
  COOP_COLUMNS,
  COOP_LABELS,
  COOP_XLSX_COLUMNS,
  coopCollectiveRow,
  coopCollectiveXlsxRow,
  coopRow,
  coopXlsxRow,
  type ExportRow,
} from './coop';

const enums = fixture.enums;
const home = { name: "CCAS d'Alpha", street: '2 rue Haute', postalCode: '37000', city: 'Tours', insee: '37261' };
const column = (name: (typeof COOP_COLUMNS)[number]) => COOP_COLUMNS.indexOf(name);

const base: ExportRow = {
  occurredAt: new Date('2026-03-02T10:00:00'),
  site: null,
  organisations: ['caf'],
  procedure: 'Prime d’activité',
  theme: 'social_sante',
  channel: 'sur_place',
  level: 'inclusion',
  mode: 'accompagne',
  equipment: ['ordinateur'],
  autonomy: null,
  skills: [],
  durationMinutes: 20,
  outcome: 'fait',
  blockedCause: null,
  redirection: null,
  ageBand: 'non_communique',
  commune: null,
  communePostalCode: null,
  communeInsee: null,
  gender: null,
};

/** Toutes les combinaisons de canal, mode et résultat, avec chaque tranche et chaque orientation. */
const every = (): ExportRow[] =>
  Object.keys(CHANNELS).flatMap((channel) =>
    Object.keys(MODES).flatMap((mode) =>
      Object.keys(OUTCOMES).map((outcome, i) => ({
        ...base,
        channel,
        mode,
        outcome,
        redirection: outcome === 'oriente' ? Object.keys(REDIRECTIONS)[i % 7]! : null,
        ageBand: Object.keys(AGE_BANDS)[i % 8]!,
        gender: ['femme', 'homme', null][i % 3]!,
        skills: mode === 'forme' ? ['email', 'navigation_sur_internet'] : [],
      })),
    ),
  );

describe('export au modèle de la Coop (juin 2025)', () => {
  it('chaque vocabulaire de Relais est une énumération de la Coop', () => {
    const inEnum = (values: string[], name: keyof typeof enums) =>
      expect(values.filter((v) => !(enums[name] as string[]).includes(v))).toEqual([]);
    inEnum(Object.keys(THEMES), 'thematique');
    inEnum(Object.keys(DIGITAL_SKILLS), 'thematique');
    inEnum(Object.keys(EQUIPMENT), 'materiel');
    inEnum(Object.keys(AUTONOMY), 'autonomie');
    inEnum(Object.keys(REDIRECTIONS), 'structure_de_redirection');
    inEnum(Object.keys(AGE_BANDS), 'tranche_age');
    inEnum(
      Object.values(CHANNELS).map((c) => c.coopTypeLieu),
      'type_lieu',
    );
    // Compétences travaillées, aide aux démarches et thématiques administratives : toute l'énumération, rien de plus.
    expect(new Set([...Object.keys(DIGITAL_SKILLS), 'aide_aux_demarches_administratives', ...Object.keys(THEMES)])).toEqual(
      new Set(enums.thematique),
    );
  });

  it('n’écrit que des valeurs de la Coop, et aucune colonne retirée en 2025', () => {
    for (const retired of fixture.retired) expect(COOP_COLUMNS as readonly string[]).not.toContain(retired);
    const checked = {
      type: 'type_activite',
      type_lieu: 'type_lieu',
      autonomie: 'autonomie',
      structure_de_redirection: 'structure_de_redirection',
      genre: 'genre',
      tranche_age: 'tranche_age',
      statut_social: 'statut_social',
    } as const;
    for (const row of every()) {
      const cells = coopRow(row, home);
      expect(cells).toHaveLength(COOP_COLUMNS.length);
      for (const [name, enumName] of Object.entries(checked)) {
        const value = cells[column(name as keyof typeof checked)]!;
        if (value !== '') expect(enums[enumName], `${name} = ${value}`).toContain(value);
      }
      for (const theme of cells[column('thematiques')]!.split(',')) expect(enums.thematique).toContain(theme);
      for (const item of cells[column('materiel')]!.split(',').filter(Boolean)) expect(enums.materiel).toContain(item);
      expect(['true', 'false']).toContain(cells[column('oriente_vers_structure')]);
      expect(cells[column('thematiques')]!.split(',')).toContain('aide_aux_demarches_administratives');
    }
  });

  it('dit toujours l’autonomie d’une personne formée ou accompagnée, jamais celle d’un acte fait à sa place', () => {
    for (const row of every()) {
      const autonomy = coopRow(row, home)[column('autonomie')];
      if (row.mode === 'fait_a_la_place') expect(autonomy).toBe('');
      else expect(autonomy).not.toBe('');
    }
    // L'autonomie observée l'emporte sur la valeur déduite du mode.
    expect(coopRow({ ...base, autonomy: 'autonome' }, home)[column('autonomie')]).toBe('autonome');
  });

  it('oriente vers une structure par oui ou non, et ne dit la structure qu’avec une orientation', () => {
    const oriented = coopRow({ ...base, outcome: 'oriente', redirection: 'aide_sociale' }, home);
    expect([oriented[column('oriente_vers_structure')], oriented[column('structure_de_redirection')]]).toEqual(['true', 'aide_sociale']);
    const done = coopRow({ ...base, redirection: 'aide_sociale' }, home);
    expect([done[column('oriente_vers_structure')], done[column('structure_de_redirection')]]).toEqual(['false', '']);
  });

  it('situe l’activité : le lieu d’accueil, la commune de la personne à domicile, la structure à distance', () => {
    const site = { name: 'Permanence', street: '5 rue Basse', postalCode: '37100', city: 'Tours', insee: '37261' };
    const at = (row: ExportRow) => coopRow(row, home).slice(column('type_lieu'), column('lieu_code_insee') + 1);
    expect(at({ ...base, site })).toEqual(['lieu_activite', 'Permanence', '5 rue Basse', '37100', 'Tours', '37261']);
    expect(at(base)).toEqual(['lieu_activite', "CCAS d'Alpha", '2 rue Haute', '37000', 'Tours', '37261']);
    const person = { commune: 'Joué-lès-Tours', communePostalCode: '37300', communeInsee: '37122' };
    expect(at({ ...base, ...person, channel: 'domicile' })).toEqual(['domicile', '', '', '37300', 'Joué-lès-Tours', '37122']);
    expect(at({ ...base, channel: 'telephone' })).toEqual(['a_distance', "CCAS d'Alpha", '2 rue Haute', '37000', 'Tours', '37261']);
  });

  it('reprend les en-têtes et les libellés de l’export XLSX de la Coop', () => {
    const cells = coopXlsxRow(
      {
        ...base,
        mode: 'forme',
        skills: ['email'],
        outcome: 'oriente',
        redirection: 'aide_sociale',
        ageBand: 'douze_dix_huit',
        gender: 'femme',
      },
      home,
    );
    expect(cells).toHaveLength(COOP_XLSX_COLUMNS.length);
    const cell = (header: (typeof COOP_XLSX_COLUMNS)[number]) => cells[COOP_XLSX_COLUMNS.indexOf(header)];
    expect(cell('Type')).toBe('Accompagnement individuel');
    expect(cell('Canaux d’accompagnement')).toBe('Lieu d’activité');
    expect(cell('Thématique(s) d’accompagnement')).toBe('E-mail\nAide aux démarches administratives\nSocial - Santé');
    expect(cell('Niveau d’autonomie (ou de l’atelier)')).toBe('2/3');
    expect(cell('Bénéficiaire réorienté')).toBe('Oui');
    expect(cell('Structure de redirection')).toBe('Structure d’aide sociale (maison des solidarités, centre social…)');
    expect(cell('Tranche d’âge du bénéficiaire')).toBe('12 - 17 ans');
    expect(cell('Genre du bénéficiaire')).toBe('Féminin');
    // Chaque valeur des énumérations a son libellé de la Coop.
    for (const theme of enums.thematique) expect(COOP_LABELS.thematiques).toHaveProperty(theme);
    for (const item of enums.materiel) expect(COOP_LABELS.materiel).toHaveProperty(item);
    for (const redirection of enums.structure_de_redirection) expect(COOP_LABELS.redirection).toHaveProperty(redirection);
    for (const band of enums.tranche_age) expect(COOP_LABELS.trancheAge).toHaveProperty(band);
  });

  it('écrit une séance d’atelier comme une activité collective : type, lieu, thématique et participants de la Coop', () => {
    const session = {
      occurredAt: new Date('2026-03-02T13:00:00Z'),
      place: { name: 'Salle numérique', street: '5 rue Basse', postalCode: '37100', city: 'Tours', insee: '37261' },
      durationMinutes: 120,
      title: 'Créer son adresse e-mail',
      level: 'debutant',
      theme: 'email',
      participants: 7,
    };
    const cells = coopCollectiveRow(session);
    expect(cells).toHaveLength(COOP_COLUMNS.length);
    expect(enums.type_activite).toContain(cells[column('type')]);
    expect(enums.type_lieu).toContain(cells[column('type_lieu')]);
    expect(enums.thematique).toContain(cells[column('thematiques')]);
    expect([cells[column('titre_atelier')], cells[column('niveau_atelier')], cells[column('participants')]]).toEqual([
      'Créer son adresse e-mail',
      'debutant',
      '7',
    ]);
    const xlsx = coopCollectiveXlsxRow(session);
    expect(xlsx).toHaveLength(COOP_XLSX_COLUMNS.length);
    const cell = (header: (typeof COOP_XLSX_COLUMNS)[number]) => xlsx[COOP_XLSX_COLUMNS.indexOf(header)];
    expect([cell('Type'), cell('Participants'), cell('Nom de l’atelier'), cell('Thématique(s) d’accompagnement')]).toEqual([
      'Atelier collectif',
      7,
      'Créer son adresse e-mail',
      'E-mail',
    ]);
  });
});
