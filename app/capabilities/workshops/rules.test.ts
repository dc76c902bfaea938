// Les règles des ateliers, sans base : la même heure locale chaque semaine (changement d'heure compris), le délai
// d'une place proposée, quand on inscrit et quand on note les présences, et les messages courts à la personne.
import { describe, expect, it } from 'vitest';
import { workshopEmail, workshopSms } from './messages';
import { canMarkAttendance, fillRate, holdsSeat, isOpen, offerDeadline, weeklyStarts } from './rules';

describe('règles des ateliers', () => {
  it('répète une séance à la même heure de Paris, de part et d’autre du changement d’heure', () => {
    expect(weeklyStarts('2026-10-20', '14:00', 3).map((d) => d.toISOString())).toEqual([
      '2026-10-20T12:00:00.000Z',
      '2026-10-27T13:00:00.000Z',
      '2026-11-03T13:00:00.000Z',
    ]);
  });

  it('laisse 48 heures pour répondre à une place proposée, jamais au-delà du début de la séance', () => {
    const now = new Date('2026-12-07T08:00:00Z');
    expect(offerDeadline(now, new Date('2026-12-20T13:00:00Z')).toISOString()).toBe('2026-12-09T08:00:00.000Z');
    expect(offerDeadline(now, new Date('2026-12-08T13:00:00Z')).toISOString()).toBe('2026-12-08T13:00:00.000Z');
  });

  it('inscrit pour une séance à venir non annulée ; note les présences le jour même, jamais pour une séance annulée', () => {
    const now = new Date('2026-12-07T08:00:00Z');
    const later = { startsAt: new Date('2026-12-07T14:00:00Z'), cancelledAt: null };
    expect(isOpen(later, now)).toBe(true);
    expect(isOpen({ ...later, cancelledAt: now }, now)).toBe(false);
    expect(isOpen({ ...later, startsAt: new Date('2026-12-07T07:00:00Z') }, now)).toBe(false);
    expect(canMarkAttendance(later, now)).toBe(true);
    expect(canMarkAttendance({ ...later, startsAt: new Date('2026-12-08T14:00:00Z') }, now)).toBe(false);
    expect(canMarkAttendance({ ...later, cancelledAt: now }, now)).toBe(false);
  });

  it('compte les places tenues : inscrit, proposée, présent, absent, excusé ; pas l’attente ni le départ', () => {
    expect(['inscrit', 'proposee', 'present', 'absent', 'excuse'].every((s) => holdsSeat(s as never))).toBe(true);
    expect(['attente', 'desinscrit', 'expiree'].some((s) => holdsSeat(s as never))).toBe(false);
    expect(fillRate(6, 8)).toBe(75);
    expect(fillRate(0, 0)).toBe(0);
  });

  it('écrit des SMS courts qui disent quand, où et qui appeler ; l’e-mail dit ce qu’il faut apporter', () => {
    const context = {
      structureName: "CCAS d'Alpha",
      title: 'Créer son adresse e-mail',
      placeName: 'Salle numérique',
      placeAddress: '2 rue Haute, 37000 Alpha',
      placePhone: '02 47 00 00 00',
      startsAt: new Date('2026-12-10T13:00:00Z'),
      toBring: 'Votre téléphone, chargé.',
      offerExpiresAt: new Date('2026-12-09T08:00:00Z'),
      cancelReason: 'Animateur malade',
    };
    for (const kind of ['inscription', 'attente', 'proposition', 'rappel', 'annulation'] as const)
      expect(workshopSms(kind, context).length, kind).toBeLessThanOrEqual(200);
    expect(workshopSms('proposition', context)).toContain('appelez le 02 47 00 00 00 avant le');
    expect(workshopSms('inscription', context)).toContain('Empêché ? Appelez le 02 47 00 00 00.');
    expect(workshopEmail('annulation', context).body).toContain('Raison : Animateur malade');
    expect(workshopEmail('rappel', context).body).toContain('À apporter : Votre téléphone, chargé.');
    expect(workshopEmail('inscription', { ...context, placePhone: null }).body).toContain("Appelez CCAS d'Alpha.");
  });
});
