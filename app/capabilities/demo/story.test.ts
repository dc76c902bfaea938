import { describe, expect, it } from 'vitest';
import { ALPHA_PLAN, BETA_PLAN, generateStory } from './story';

const today = new Date('2026-11-26T08:00:00Z');
const story = generateStory(ALPHA_PLAN, today);
const byYear = (year: number) => story.solicitations.filter((s) => s.occurredAt.getUTCFullYear() === year);

describe("l'histoire d'Alpha", () => {
  it('compte environ 4 000, 7 000, 11 000 puis 16 000 sollicitations par an', () => {
    const counts = [2022, 2023, 2024, 2025].map((y) => byYear(y).length);
    counts.forEach((count, i) => expect(Math.abs(count - ALPHA_PLAN.yearly[i]!) / ALPHA_PLAN.yearly[i]!).toBeLessThan(0.02));
    expect(byYear(2026).length).toBeGreaterThan(14_000);
    expect(story.solicitations.every((s) => s.occurredAt < new Date('2026-11-26T00:00:00Z'))).toBe(true);
  });

  it('suit environ 9 000 personnes, dont beaucoup reviennent', () => {
    expect(story.persons.length).toBeGreaterThan(8_500);
    expect(story.persons.length).toBeLessThanOrEqual(9_000);
    const visits = new Map<number, number>();
    for (const s of story.solicitations) if (s.personIndex !== null) visits.set(s.personIndex, (visits.get(s.personIndex) ?? 0) + 1);
    const returning = [...visits.values()].filter((n) => n > 1).length;
    expect(returning / visits.size).toBeGreaterThan(0.5);
  });

  it('donne des noms variés : peu d’homonymes, et « mar » ne trouve pas dix fois le même nom', () => {
    const names = story.persons.map((p) => `${p.firstName} ${p.lastName}`);
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect(counts.size / names.length).toBeGreaterThan(0.6);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(6);
    const mar = names.filter((n) => n.split(/[ -]/).some((word) => word.toLowerCase().startsWith('mar'))).slice(0, 20);
    expect(new Set(mar).size).toBeGreaterThanOrEqual(18);
  });

  it('a ses pics : impôts au printemps, rentrée en septembre', () => {
    const y = byYear(2025);
    const taxes = (month: number) => y.filter((s) => s.occurredAt.getUTCMonth() === month && s.organisation === 'dgfip').length;
    expect(taxes(4)).toBeGreaterThan(3 * taxes(10));
    const school = (month: number) =>
      y.filter((s) => s.occurredAt.getUTCMonth() === month && s.organisation === 'education_nationale').length;
    expect(school(8)).toBeGreaterThan(3 * school(2));
    const perMonth = (month: number) => y.filter((s) => s.occurredAt.getUTCMonth() === month).length;
    expect(perMonth(4)).toBeGreaterThan(perMonth(7));
  });

  it('voit baisser la part du « fait à la place »', () => {
    const share = (year: number) => byYear(year).filter((s) => s.mode === 'fait_a_la_place').length / byYear(year).length;
    expect(share(2022)).toBeGreaterThan(share(2025) + 0.1);
  });

  it('ne tombe que les jours ouvrés et respecte les règles du formulaire', () => {
    for (const s of story.solicitations) {
      expect([0, 6]).not.toContain(s.occurredAt.getUTCDay());
      if (s.outcome === 'bloque') expect(s.blockedCause).not.toBeNull();
      if (s.outcome === 'oriente') expect(s.redirection).not.toBeNull();
      expect(s.durationMinutes).toBeGreaterThan(0);
    }
  });

  it('ne tasse pas le mois du semis sur ses premiers jours : aucune semaine ne pèse plus que les autres', () => {
    // Semis un 3 décembre : le volume de décembre au prorata de ses 2 jours passés, pas tout le mois en 2 jours.
    const early = generateStory(ALPHA_PLAN, new Date('2026-12-03T08:00:00Z'));
    const minutesByWeek = new Map<string, number>();
    for (const s of early.solicitations.filter((s) => s.occurredAt >= new Date('2026-09-01T00:00:00Z'))) {
      const monday = new Date(s.occurredAt);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const key = `${monday.toISOString().slice(0, 10)}:${s.mediatorIndex}`;
      minutesByWeek.set(key, (minutesByWeek.get(key) ?? 0) + s.durationMinutes);
    }
    const hours = [...minutesByWeek.values()].map((m) => m / 60);
    const median = hours.sort((a, b) => a - b)[Math.floor(hours.length / 2)]!;
    expect(Math.max(...hours)).toBeLessThan(median * 1.6);
    expect(minutesByWeek.get('2026-11-30:0')! / 60).toBeLessThan(median);
  });

  it("donne aux médiateurs une semaine lourde mais possible : 30 à 45 h en moyenne l'an dernier, jamais 60", () => {
    const minutesByWeek = new Map<string, number>();
    for (const s of byYear(2025)) {
      const monday = new Date(s.occurredAt);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const key = `${monday.toISOString().slice(0, 10)}:${s.mediatorIndex}`;
      minutesByWeek.set(key, (minutesByWeek.get(key) ?? 0) + s.durationMinutes);
    }
    const hours = [...minutesByWeek.values()].map((m) => m / 60);
    const average = hours.reduce((a, b) => a + b, 0) / hours.length;
    expect(average).toBeGreaterThan(30);
    expect(average).toBeLessThan(45);
    expect(Math.max(...hours)).toBeLessThan(60);
  });

  it('est déterministe, et Beta est plus petite', () => {
    const again = generateStory(ALPHA_PLAN, today);
    expect(again.solicitations.slice(0, 50)).toEqual(story.solicitations.slice(0, 50));
    expect(generateStory(BETA_PLAN, today).solicitations.length).toBeLessThan(story.solicitations.length / 5);
  });
});
