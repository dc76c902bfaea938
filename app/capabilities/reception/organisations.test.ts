import { describe, expect, it } from 'vitest';
import {
  labelOfOrganisations,
  localCode,
  localOrganisationSchema,
  organisationCatalog,
  organisationLabels,
  selectableOrganisations,
} from './organisations';
import { arrivalSchema, listFiltersSchema, solicitationSchema } from './rules';

const catalog = organisationCatalog([
  { code: 'local_mission_locale', label: 'Mission locale', theme: 'travail_formation', active: true },
  { code: 'local_ancienne_caisse', label: 'Ancienne caisse', theme: null, active: false },
]);

describe('catalogue des organismes', () => {
  it('garde la liste nationale, ajoute ceux de la structure avant « Autre »', () => {
    const codes = Object.keys(catalog);
    expect(codes[0]).toBe('caf');
    expect(codes.at(-1)).toBe('autre');
    expect(codes.slice(-3, -1)).toEqual(['local_ancienne_caisse', 'local_mission_locale']);
  });

  it('ne propose pas un organisme retiré, mais garde son libellé pour l’historique', () => {
    expect(selectableOrganisations(catalog)).not.toHaveProperty('local_ancienne_caisse');
    expect(labelOfOrganisations(organisationLabels(catalog), ['local_ancienne_caisse', 'caf', 'inconnu'])).toBe(
      'Ancienne caisse, CAF, inconnu',
    );
  });

  it('tire un code stable du libellé, sans collision', () => {
    expect(localCode("Mission locale d'Alpha", new Set())).toBe('local_mission_locale_d_alpha');
    expect(localCode('Mission locale', new Set(['local_mission_locale']))).toBe('local_mission_locale_2');
    expect(localCode('!!!', new Set())).toBe('local_organisme');
  });
});

describe('ajout d’un organisme', () => {
  const errors = (input: Record<string, string>) =>
    Object.fromEntries((localOrganisationSchema(catalog).safeParse(input).error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

  it('accepte un nom nouveau et sa thématique', () => {
    expect(localOrganisationSchema(catalog).parse({ label: '  Épicerie solidaire ', theme: 'social_sante' })).toEqual({
      label: 'Épicerie solidaire',
      theme: 'social_sante',
    });
    expect(localOrganisationSchema(catalog).parse({ label: 'Épicerie solidaire', theme: '' }).theme).toBeNull();
  });

  it('refuse un nom vide, un doublon (accents et casse ignorés), une thématique inconnue, un secret', () => {
    expect(errors({ label: ' ' }).label).toMatch(/Indiquez le nom/);
    expect(errors({ label: 'caf' }).label).toBe('« CAF » fait déjà partie de la liste nationale.');
    expect(errors({ label: 'MISSION LOCALE' }).label).toBe('« Mission locale » est déjà dans votre liste.');
    expect(errors({ label: 'ancienne CAISSE' }).label).toMatch(/retiré : remettez-le plutôt/);
    expect(errors({ label: 'Caisse', theme: 'cuisine' }).theme).toBe('Choisissez une thématique de la liste.');
    expect(errors({ label: 'x'.repeat(81) }).label).toMatch(/80 caractères/);
    expect(errors({ label: 'mot de passe : Soleil2024!' }).label).toMatch(/mot de passe/);
  });
});

describe('formulaires avec les organismes de la structure', () => {
  const now = new Date('2026-11-26T10:00:00');
  const base = {
    occurredAt: '2026-11-26T09:30',
    channel: 'sur_place',
    level: 'inclusion',
    mode: 'accompagne',
    durationMinutes: '20',
    outcome: 'fait',
  };

  it('accepte un organisme local actif et en déduit la thématique', () => {
    const parsed = solicitationSchema(now, catalog).parse({ ...base, organisation: 'local_mission_locale' });
    expect(parsed.organisations).toEqual(['local_mission_locale']);
    expect(parsed.theme).toBe('travail_formation');
  });

  it('refuse un organisme retiré ou inconnu de la structure', () => {
    expect(solicitationSchema(now, catalog).safeParse({ ...base, organisation: 'local_ancienne_caisse' }).success).toBe(false);
    expect(solicitationSchema(now).safeParse({ ...base, organisation: 'local_mission_locale' }).success).toBe(false);
    expect(arrivalSchema(catalog).safeParse({ displayName: 'Awa', organisation: 'local_ancienne_caisse' }).success).toBe(false);
    expect(arrivalSchema(catalog).parse({ displayName: 'Awa', organisation: 'local_mission_locale' }).organisation).toBe(
      'local_mission_locale',
    );
  });

  it('garde un organisme retiré comme filtre des listes (son historique existe)', () => {
    expect(listFiltersSchema(catalog).parse({ organisme: 'local_ancienne_caisse' }).organisme).toBe('local_ancienne_caisse');
    expect(listFiltersSchema(catalog).parse({ organisme: 'local_autre_structure' }).organisme).toBeUndefined();
  });
});
