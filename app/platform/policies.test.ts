import { describe, expect, it } from 'vitest';
import { can, canChangeMembership, navigationFor, requiresSecondFactor, ROLES, type Actor } from './policies';

const actor = (role: Actor['role'], userId = 'u1'): Actor => ({ role, userId, structureId: 's1' });

describe('can', () => {
  it('réserve la gestion des utilisateurs et de la structure à l’administrateur', () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'utilisateurs.gerer'), role).toBe(role === 'administrateur');
      expect(can(actor(role), 'structure.parametrer'), role).toBe(role === 'administrateur');
    }
  });
  it("ouvre le journal d'audit au responsable et à l'administrateur seulement", () => {
    expect(ROLES.filter((role) => can(actor(role), 'audit.consulter'))).toEqual(['responsable', 'administrateur']);
  });
  it("ouvre les fiches des personnes à ceux qui les accompagnent, pas à l'accueil", () => {
    expect(ROLES.filter((role) => can(actor(role), 'personnes.consulter'))).toEqual(['mediateur', 'travailleur_social']);
    expect(ROLES.filter((role) => can(actor(role), 'sollicitations.enregistrer'))).toEqual(['accueil', 'mediateur', 'travailleur_social']);
  });
  it('donne un tableau de bord à tout rôle', () => {
    expect(ROLES.every((role) => can(actor(role), 'tableau_de_bord.voir'))).toBe(true);
  });
});

describe('requiresSecondFactor', () => {
  it('exige le second facteur de tout rôle qui voit des données personnelles', () => {
    for (const role of ROLES) expect(requiresSecondFactor([role], { isDemo: false }, true), role).toBe(true);
  });
  it('en dispense les comptes de démonstration tant que le mode démonstration est actif', () => {
    expect(requiresSecondFactor(['mediateur'], { isDemo: true }, true)).toBe(false);
    expect(requiresSecondFactor(['mediateur'], { isDemo: true }, false)).toBe(true);
  });
});

describe('canChangeMembership', () => {
  it("permet à l'administrateur de modifier un autre agent", () => {
    expect(canChangeMembership(actor('administrateur'), 'u2')).toBe(true);
  });
  it("refuse à l'administrateur de se modifier lui-même", () => {
    expect(canChangeMembership(actor('administrateur'), 'u1')).toBe(false);
  });
  it('refuse à tout autre rôle', () => {
    expect(canChangeMembership(actor('responsable'), 'u2')).toBe(false);
  });
});

describe('navigationFor', () => {
  it('montre à chacun les seules entrées de son rôle', () => {
    expect(navigationFor(actor('accueil')).map((i) => i.to)).toEqual([
      '/',
      '/accueil',
      '/sollicitations/nouvelle',
      '/sollicitations',
      '/rendez-vous',
      '/lieux',
    ]);
    expect(navigationFor(actor('responsable')).map((i) => i.to)).toEqual([
      '/',
      '/sollicitations',
      '/rendez-vous',
      '/ateliers',
      '/lieux',
      '/orientations',
      '/diagnostics',
      '/pilotage',
      '/administration/organismes',
      '/administration/motifs',
      '/administration/journal',
      '/administration/envois',
    ]);
    expect(navigationFor(actor('partenaire')).map((i) => i.to)).toEqual(['/', '/lieux', '/orientations']);
    expect(navigationFor(actor('administrateur'))).toHaveLength(9);
  });
});
