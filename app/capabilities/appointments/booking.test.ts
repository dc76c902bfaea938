// Les règles d'un rendez-vous : pourquoi un créneau ne se prend pas, quels états se notent quand, l'annulation par la
// personne jusqu'à 4 heures avant, le rappel 48 heures avant.
import { describe, expect, it } from 'vitest';
import { canCancelByPerson, canMark, isToFill, reminderAt, unavailableReason } from './booking';

const now = new Date('2026-12-07T08:00:00Z');
const base = {
  start: new Date('2026-12-08T09:00:00Z'),
  end: new Date('2026-12-08T09:30:00Z'),
  now,
  earliest: new Date('2026-12-07T08:30:00Z'),
  latest: new Date('2027-01-06T08:00:00Z'),
  holiday: false,
  overlapsAbsence: false,
  overlapsAppointment: false,
};

describe('un créneau qui ne se prend pas', () => {
  it('dit la raison la plus utile, dans l’ordre', () => {
    expect(unavailableReason({ ...base, start: new Date('2026-12-06T09:00:00Z'), holiday: true })).toBe('passe');
    expect(unavailableReason({ ...base, start: new Date('2026-12-07T08:10:00Z') })).toBe('hors_fenetre');
    expect(unavailableReason({ ...base, start: new Date('2027-02-01T09:00:00Z') })).toBe('hors_fenetre');
    expect(unavailableReason({ ...base, holiday: true, overlapsAbsence: true })).toBe('ferie');
    expect(unavailableReason({ ...base, overlapsAbsence: true, overlapsAppointment: true })).toBe('absence');
    expect(unavailableReason({ ...base, overlapsAppointment: true })).toBe('pris');
    expect(unavailableReason(base)).toBe('hors_plage');
  });
});

describe('les états d’un rendez-vous', () => {
  const later = new Date('2026-12-08T09:00:00Z');
  const earlier = new Date('2026-12-06T09:00:00Z');
  it('honoré ou absent une fois l’heure venue ; excusé à tout moment ; annulé ne change plus', () => {
    expect(canMark('prevu', 'honore', later, now)).toBe(false);
    expect(canMark('prevu', 'absent', later, now)).toBe(false);
    expect(canMark('prevu', 'excuse', later, now)).toBe(true);
    expect(canMark('prevu', 'honore', earlier, now)).toBe(true);
    expect(canMark('absent', 'honore', earlier, now)).toBe(true);
    expect(canMark('honore', 'honore', earlier, now)).toBe(false);
    expect(canMark('annule', 'honore', earlier, now)).toBe(false);
  });
  it('passé et encore prévu : à renseigner', () => {
    expect(isToFill('prevu', earlier, now)).toBe(true);
    expect(isToFill('honore', earlier, now)).toBe(false);
    expect(isToFill('prevu', later, now)).toBe(false);
  });
  it('la personne annule jusqu’à 4 heures avant ; le rappel part 48 heures avant', () => {
    const start = new Date('2026-12-07T12:00:00Z');
    expect(canCancelByPerson('prevu', start, new Date('2026-12-07T07:59:00Z'))).toBe(true);
    expect(canCancelByPerson('prevu', start, new Date('2026-12-07T08:00:00Z'))).toBe(false);
    expect(canCancelByPerson('annule', start, new Date('2026-12-07T06:00:00Z'))).toBe(false);
    expect(reminderAt(start).toISOString()).toBe('2026-12-05T12:00:00.000Z');
  });
});
