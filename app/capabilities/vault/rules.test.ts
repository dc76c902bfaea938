import { describe, expect, it } from 'vitest';
import { documentDetailsSchema, openingReasonSchema, validityOf } from './rules';

const TODAY = '2026-12-05';
const parse = (raw: Record<string, unknown>) => documentDetailsSchema(TODAY).safeParse(raw);
const errors = (raw: Record<string, unknown>) => {
  const result = parse(raw);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('détails d’un papier', () => {
  it('accepte un type connu et des dates vides ou plausibles', () => {
    expect(parse({ kind: 'titre_sejour', issuedOn: '2025-03-01', expiresOn: '2027-03-01' }).data).toEqual({
      kind: 'titre_sejour',
      issuedOn: '2025-03-01',
      expiresOn: '2027-03-01',
    });
    expect(parse({ kind: 'rib', issuedOn: '', expiresOn: '' }).data).toEqual({ kind: 'rib', issuedOn: null, expiresOn: null });
  });

  it('refuse, en français et par champ, un type inconnu et des dates impossibles', () => {
    expect(errors({ kind: 'passeport_martien' })).toEqual({ kind: 'Choisissez le type du papier.' });
    expect(errors({ kind: 'rib', issuedOn: '2026-02-30' }).issuedOn).toMatch(/date de délivrance/);
    expect(errors({ kind: 'rib', issuedOn: '2027-01-01' }).issuedOn).toBe('Un papier ne peut pas avoir été délivré dans le futur.');
    expect(errors({ kind: 'rib', issuedOn: '0001-01-01' }).issuedOn).toMatch(/trop ancienne/);
    expect(errors({ kind: 'rib', expiresOn: '2099-01-01' }).expiresOn).toMatch(/plus de 50 ans/);
    expect(errors({ kind: 'rib', issuedOn: '2026-01-01', expiresOn: '2025-12-31' }).expiresOn).toMatch(/après la date de délivrance/);
  });
});

describe('motif d’ouverture', () => {
  it('exige quelques mots, refuse un secret', () => {
    expect(openingReasonSchema.safeParse({ motif: 'Dossier CAF à compléter' }).success).toBe(true);
    expect(openingReasonSchema.safeParse({ motif: '  ok ' }).error?.issues[0]?.message).toMatch(/quelques mots/);
    expect(openingReasonSchema.safeParse({}).success).toBe(false);
    expect(openingReasonSchema.safeParse({ motif: 'mot de passe : Soleil2026!' }).error?.issues[0]?.message).toMatch(/mot de passe/i);
  });
});

describe('validité', () => {
  it('dit expiré, bientôt, valide ou sans fin', () => {
    expect(validityOf(null, TODAY)).toBe('sans_fin');
    expect(validityOf('2026-12-04', TODAY)).toBe('expire');
    expect(validityOf('2026-12-05', TODAY)).toBe('bientot');
    expect(validityOf('2027-03-05', TODAY)).toBe('bientot');
    expect(validityOf('2027-03-06', TODAY)).toBe('valide');
  });
});
