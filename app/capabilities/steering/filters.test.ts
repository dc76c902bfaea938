import { describe, expect, it } from 'vitest';
import { NATIONAL_CATALOG } from '../reception/organisations';
import { defaultPeriod, filterQuery, growth, parseFilters, share } from './filters';
import { completeWeeksOf, hours, modeShares, weeksOf, workloadLines } from './rules';

const parse = (query: string, mediators: string[] = ['m1'], sites: string[] = ['siege', 'permanence']) =>
  parseFilters(new URLSearchParams(query), '2026-11-26', NATIONAL_CATALOG, mediators, sites);

describe('filtres du pilotage', () => {
  it('prend par défaut les 12 derniers mois', () => {
    expect(defaultPeriod('2026-11-26')).toEqual({ du: '2025-12-01', au: '2026-11-26' });
    expect(parse('').filters).toEqual({ du: '2025-12-01', au: '2026-11-26' });
  });

  it('garde les valeurs connues et ignore les autres avec un message', () => {
    const { filters, notices } = parse(
      'organisme=caf&niveau=urgence&mode=magie&mediateur=m2&canal=sur_place&age=soixante_dix_plus&commune=Alpha',
    );
    expect(filters).toMatchObject({ organisme: 'caf', niveau: 'urgence', canal: 'sur_place', age: 'soixante_dix_plus', commune: 'Alpha' });
    expect(filters).not.toHaveProperty('mode');
    expect(filters).not.toHaveProperty('mediateur');
    expect(notices).toEqual([
      'Le filtre « Médiateur » a une valeur inconnue (« m2 ») : il est ignoré.',
      "Le filtre « Mode d'aide » a une valeur inconnue (« magie ») : il est ignoré.",
    ]);
  });

  it("ne garde qu'un lieu d'accueil de la structure", () => {
    expect(parse('lieu=permanence').filters).toEqual({ du: '2025-12-01', au: '2026-11-26', lieu: 'permanence' });
    expect(parse('lieu=ailleurs')).toEqual({
      filters: { du: '2025-12-01', au: '2026-11-26' },
      notices: ["Le filtre « Lieu d'accueil » a une valeur inconnue (« ailleurs ») : il est ignoré."],
    });
    // Une structure sans lieu d'accueil n'a rien à filtrer.
    expect(parse('lieu=siege', ['m1'], []).filters).not.toHaveProperty('lieu');
  });

  it('remet une période inversée à l’endroit et borne une période absurde', () => {
    expect(parse('du=2026-06-30&au=2026-01-01')).toMatchObject({
      filters: { du: '2026-01-01', au: '2026-06-30' },
      notices: [expect.stringMatching(/inversées/)],
    });
    expect(parse('du=1850-01-01&au=2099-12-31')).toMatchObject({
      filters: { du: '2000-01-01', au: '2026-11-26' },
      notices: [expect.stringMatching(/2000/), expect.stringMatching(/aujourd'hui/)],
    });
    expect(parse('du=2026-02-31').notices[0]).toMatch(/« Du » a une valeur inconnue/);
  });

  it('remet les filtres dans une adresse', () => {
    expect(filterQuery({ du: '2026-01-01', au: '2026-06-30', organisme: 'caf' }, { format: 'csv' })).toBe(
      'du=2026-01-01&au=2026-06-30&organisme=caf&format=csv',
    );
  });

  it('calcule croissance et parts', () => {
    expect(growth(16000, 11000)).toBe(45);
    expect(growth(4000, undefined)).toBeNull();
    expect(share(1, 3)).toBe(33);
    expect(share(5, 0)).toBe(0);
  });
});

describe('charge des médiateurs', () => {
  const weeks = weeksOf('2026-11-01', '2026-11-26');
  it('liste les lundis de la période', () => {
    expect(weeks).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('allume le signal quand les 3 dernières semaines dépassent le seuil, en comptant les semaines vides', () => {
    const load = (mediatorId: string, week: string, minutes: number) => ({ mediatorId, week, count: Math.round(minutes / 20), minutes });
    const lines = workloadLines(
      [
        load('a', '2026-11-09', 2000),
        load('a', '2026-11-16', 1900),
        load('a', '2026-11-23', 1850),
        load('b', '2026-11-09', 2000),
        load('b', '2026-11-23', 2000),
      ],
      weeks,
      1800,
      '2026-11-30',
    );
    expect(lines.find((l) => l.mediatorId === 'a')).toMatchObject({ alert: true, weeksAbove: 3, averageMinutes: 1150 });
    expect(lines.find((l) => l.mediatorId === 'b')).toMatchObject({ alert: false, weeksAbove: 2 });
  });

  it('laisse la semaine en cours, pas finie, hors de la moyenne et du signal', () => {
    const load = (week: string, minutes: number) => ({ mediatorId: 'a', week, count: 1, minutes });
    // Consulté le mercredi 25 novembre : la semaine du 23 n'a que deux jours.
    const lines = workloadLines(
      [load('2026-11-02', 2000), load('2026-11-09', 2000), load('2026-11-16', 1900), load('2026-11-23', 600)],
      weeks,
      1800,
      '2026-11-23',
    );
    expect(lines[0]).toMatchObject({ alert: true, weeks: 4, averageMinutes: 1475 });
    expect(lines[0]!.lastWeeks.map((w) => w.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
  });

  it('ne compte dans la charge que les semaines entières de la période', () => {
    // Du mercredi 4 au lundi 30 novembre : ni la semaine du 2 (deux jours manquent) ni celle du 30 (un jour).
    expect(completeWeeksOf('2026-11-04', '2026-11-30')).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(completeWeeksOf('2026-11-02', '2026-11-29')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(completeWeeksOf('2026-11-04', '2026-11-08')).toEqual([]);
  });

  it('écrit les durées en heures', () => {
    expect(hours(45)).toBe('45 min');
    expect(hours(120)).toBe('2 h');
    expect(hours(125)).toBe('2 h 05');
    expect(hours(8084 * 60 + 40)).toBe('8\u202f084 h 40'); // séparateur des milliers à la française
  });

  it('calcule la part de chaque mode par période', () => {
    const shares = modeShares(
      [
        { period: 2023, mode: 'fait_a_la_place', count: 40 },
        { period: 2023, mode: 'accompagne', count: 60 },
        { period: 2026, mode: 'fait_a_la_place', count: 25 },
        { period: 2026, mode: 'forme', count: 75 },
      ],
      ['forme', 'accompagne', 'fait_a_la_place'],
    );
    expect(shares).toEqual([
      { period: 2023, total: 100, shares: { forme: 0, accompagne: 60, fait_a_la_place: 40 } },
      { period: 2026, total: 100, shares: { forme: 75, accompagne: 0, fait_a_la_place: 25 } },
    ]);
  });
});
