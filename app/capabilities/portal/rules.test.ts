// Les règles du portail, sans base : demandes « Mes données », délai légal, essais de la carte, progression.
import { describe, expect, it } from 'vitest';
import { checkRequest, pinAttemptsLeft, progressOf, requestDueAt } from './rules';

describe('règles du portail', () => {
  it('valide une demande : une correction dit quoi corriger, un effacement peut venir sans mot', () => {
    expect(checkRequest('correction', '  Mon adresse a changé.  ')).toEqual({
      ok: true,
      kind: 'correction',
      message: 'Mon adresse a changé.',
    });
    expect(checkRequest('effacement', '   ')).toEqual({ ok: true, kind: 'effacement', message: null });
    expect(checkRequest('correction', ' ')).toEqual({ ok: false, problem: 'message_vide' });
    expect(checkRequest('suppression', 'x')).toEqual({ ok: false, problem: 'type_inconnu' });
    expect(checkRequest('__proto__', 'x')).toEqual({ ok: false, problem: 'type_inconnu' });
    expect(checkRequest('effacement', 'é'.repeat(2001))).toEqual({ ok: false, problem: 'message_trop_long' });
  });

  it("répond dans le mois : au même quantième, ou au dernier jour d'un mois plus court", () => {
    expect(requestDueAt(new Date('2026-03-15T10:00:00'))).toEqual(new Date('2026-04-15T10:00:00'));
    expect(requestDueAt(new Date('2027-01-31T10:00:00'))).toEqual(new Date('2027-02-28T10:00:00'));
    expect(requestDueAt(new Date('2026-12-20T10:00:00'))).toEqual(new Date('2027-01-20T10:00:00'));
  });

  it('compte les essais qui restent sur la carte, jamais en dessous de zéro', () => {
    expect([0, 1, 4, 5, 6].map(pinAttemptsLeft)).toEqual([5, 4, 1, 0, 0]);
  });

  it('dit la progression entre le premier et le dernier diagnostic', () => {
    expect(progressOf([])).toBeNull();
    expect(progressOf([40])).toBeNull();
    expect(progressOf([40, 55, 70])).toBe(30);
    expect(progressOf([60, 50])).toBe(-10);
  });
});
