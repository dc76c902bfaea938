import { describe, expect, it } from 'vitest';
import { checkOpeningHours, isOpenOnDay, openingStatus, weekSchedule } from './opening-hours';

const HOURS = 'Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off';
const at = (iso: string) => new Date(iso); // heures locales : les tests tournent au fuseau par défaut de Relais (vitest.config.ts)
const nbsp = (s: string) => s.replace(/(\d) h/g, '$1\u00a0h').replace(/h (\d)/g, 'h\u00a0$1');

describe('horaires au format OpenStreetMap', () => {
  it('accepte une valeur bien écrite telle quelle', () => {
    expect(checkOpeningHours(HOURS)).toEqual({ ok: true, value: HOURS, corrected: false });
  });
  it('réécrit une valeur comprise mais mal écrite (jours en français)', () => {
    expect(checkOpeningHours('Lu-Ve 09:00-12:00')).toEqual({ ok: true, value: 'Mo-Fr 09:00-12:00', corrected: true });
  });
  it('refuse une valeur incompréhensible avec un message français et un exemple', () => {
    const check = checkOpeningHours('du lundi au vendredi 9h-12h');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(/^Horaires non reconnus \(format OpenStreetMap\) : .+Exemple : « Mo-Fr 09:00-12:00/);
  });
  it('refuse une valeur vide', () => {
    expect(checkOpeningHours('  ').ok).toBe(false);
  });
});

describe("l'état du lieu, dit en français", () => {
  it('ouvert : dit quand il ferme', () => {
    expect(openingStatus(HOURS, at('2026-12-01T10:15:00'))).toEqual({ open: true, text: nbsp('Ouvert maintenant · ferme à 12 h') });
    expect(openingStatus(HOURS, at('2026-12-01T14:00:00'))).toEqual({ open: true, text: nbsp('Ouvert maintenant · ferme à 17 h 30') });
  });
  it('fermé pour la pause : rouvre aujourd’hui', () => {
    expect(openingStatus(HOURS, at('2026-12-01T12:30:00'))!.text).toBe(nbsp("Fermé · ouvre aujourd'hui à 13 h 30"));
  });
  it('fermé le soir : rouvre demain ; le samedi après-midi : lundi', () => {
    expect(openingStatus(HOURS, at('2026-12-01T19:00:00'))!.text).toBe(nbsp('Fermé · ouvre demain à 9 h'));
    expect(openingStatus(HOURS, at('2026-12-05T15:00:00'))!.text).toBe(nbsp('Fermé · ouvre lundi à 9 h'));
  });
  it('honore les jours fériés français (Noël un vendredi, 1er mai, Ascension)', () => {
    expect(openingStatus(HOURS, at('2026-12-25T10:00:00'))!.text).toBe(nbsp('Fermé · ouvre demain à 9 h'));
    expect(openingStatus(HOURS, at('2026-05-01T10:00:00'))!.open).toBe(false);
    expect(openingStatus(HOURS, at('2026-05-14T10:00:00'))!.open).toBe(false);
    expect(openingStatus(HOURS, at('2026-05-13T10:00:00'))!.open).toBe(true);
  });
  it('sans horaires : rien à dire ; sur rendez-vous : le commentaire', () => {
    expect(openingStatus(null, at('2026-12-01T10:00:00'))).toBeNull();
    expect(openingStatus('Mo-Fr 09:00-12:00 unknown "sur rendez-vous"', at('2026-12-01T10:00:00'))).toEqual({
      open: null,
      text: 'Sur rendez-vous',
    });
  });
  it('ouvert tel jour : au moins une plage ce jour-là', () => {
    expect(isOpenOnDay(HOURS, at('2026-12-05T00:00:00'))).toBe(true);
    expect(isOpenOnDay(HOURS, at('2026-12-06T00:00:00'))).toBe(false);
    expect(isOpenOnDay(HOURS, at('2026-12-25T00:00:00'))).toBe(false);
  });
});

describe('la semaine à venir', () => {
  it('liste sept jours à partir d’aujourd’hui, plages et jours fériés', () => {
    const week = weekSchedule(HOURS, at('2026-12-21T08:00:00'));
    expect(week.map((d) => d.label)).toEqual([
      'Lundi 21 décembre',
      'Mardi 22 décembre',
      'Mercredi 23 décembre',
      'Jeudi 24 décembre',
      'Vendredi 25 décembre',
      'Samedi 26 décembre',
      'Dimanche 27 décembre',
    ]);
    expect(week[0]!.intervals).toEqual([nbsp('9 h – 12 h'), nbsp('13 h 30 – 17 h 30')]);
    expect(week[4]).toMatchObject({ holiday: true, intervals: [] });
    expect(week[5]!.intervals).toEqual([nbsp('9 h – 12 h')]);
    expect(week[6]!.intervals).toEqual([]);
    expect(week[0]!.today).toBe(true);
  });
  it('un lieu ouvert jour et nuit le dit', () => {
    expect(weekSchedule('24/7', at('2026-12-21T08:00:00'))[0]!.intervals).toEqual(['Toute la journée (24\u00a0h sur 24)']);
    expect(openingStatus('24/7', at('2026-12-21T03:00:00'))).toEqual({ open: true, text: 'Ouvert maintenant' });
  });
  it('une plage jusqu’à minuit s’écrit 24 h', () => {
    expect(weekSchedule('Mo-Su 18:00-24:00', at('2026-12-21T08:00:00'))[0]!.intervals).toEqual([nbsp('18 h – 24 h')]);
  });
});
