import { describe, expect, it } from 'vitest';
import { resolveCommune } from './communes.server';

describe('communes et codes postaux', () => {
  it('retrouve la commune d’un code postal à commune unique, sans nom', () => {
    expect(resolveCommune('59000', null)).toMatchObject({ ok: true, commune: { code: '59350', nom: 'Lille' } });
  });
  it('demande de choisir quand plusieurs communes partagent le code', () => {
    const result = resolveCommune('01400', 'Ville inventée');
    expect(result).toMatchObject({ ok: false, field: 'commune' });
  });
  it('accepte le nom sans accents ni tirets', () => {
    expect(resolveCommune('01400', 'l abergement clemenciat')).toMatchObject({ ok: true, commune: { code: '01001' } });
  });
  it('refuse un code postal inexistant', () => {
    expect(resolveCommune('00000', null)).toEqual({
      ok: false,
      field: 'postalCode',
      message: "Ce code postal n'existe pas. Vérifiez les 5 chiffres.",
    });
  });
  it('reconnaît Paris par ses arrondissements postaux', () => {
    expect(resolveCommune('75011', null)).toMatchObject({ ok: true, commune: { code: '75056', nom: 'Paris' } });
  });
});
