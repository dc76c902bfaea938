// L'heure de la structure : les jours de 23 et de 25 heures, les mois, les heures saisies, et un CCAS d'outre-mer.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dateFormat, dayRange, localDateTime, localDay, monthRange, setTimeZone, toLocalInput, validTimeZone } from './time';

afterEach(() => setTimeZone('Europe/Paris'));

const hours = (range: { start: Date; end: Date }) => (range.end.getTime() - range.start.getTime()) / 3_600_000;

describe('platform/time', () => {
  it('le dernier dimanche de mars dure 23 heures, celui d’octobre 25 heures, les autres 24', () => {
    expect(dayRange('2026-03-29')).toEqual({ start: new Date('2026-03-28T23:00:00Z'), end: new Date('2026-03-29T22:00:00Z') });
    expect(hours(dayRange('2026-03-29'))).toBe(23);
    expect(dayRange('2026-10-25')).toEqual({ start: new Date('2026-10-24T22:00:00Z'), end: new Date('2026-10-25T23:00:00Z') });
    expect(hours(dayRange('2026-10-25'))).toBe(25);
    expect(hours(dayRange('2026-11-26'))).toBe(24);
  });

  it('borne un mois et décale un jour du calendrier, même à travers un changement d’heure', () => {
    expect(monthRange('2026-10')).toEqual({ start: new Date('2026-09-30T22:00:00Z'), end: new Date('2026-10-31T23:00:00Z') });
    expect(monthRange('2026-12').end).toEqual(new Date('2026-12-31T23:00:00Z'));
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('lit une heure saisie à l’heure de la structure, et la réécrit pour un champ datetime-local', () => {
    expect(localDateTime('2026-10-25T23:30')).toEqual(new Date('2026-10-25T22:30:00Z'));
    expect(localDateTime('2026-07-14T10:00')).toEqual(new Date('2026-07-14T08:00:00Z'));
    expect(toLocalInput(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25T23:30');
    expect(localDay(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
  });

  it('un CCAS de Guyane ou de La Réunion voit sa propre horloge', () => {
    const instant = new Date('2026-01-01T02:00:00Z');
    setTimeZone('America/Cayenne');
    expect(localDay(instant)).toBe('2025-12-31');
    expect(dateFormat({ timeStyle: 'short' }).format(instant)).toBe('23:00');
    expect(dayRange('2026-01-01').start).toEqual(new Date('2026-01-01T03:00:00Z'));
    setTimeZone('Indian/Reunion');
    expect(dateFormat({ timeStyle: 'short' }).format(instant)).toBe('06:00');
    expect(localDateTime('2026-01-01T06:00')).toEqual(instant);
  });

  it('refuse un fuseau inconnu ou mal écrit', () => {
    expect(validTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(validTimeZone('Mars/Olympus')).toBeNull();
    expect(validTimeZone("Europe/Paris'; drop table users; --")).toBeNull();
    expect(() => setTimeZone('Mars/Olympus')).toThrow(/Fuseau horaire inconnu/);
  });
});
