import { describe, expect, it } from 'vitest';
import {
  checkChosenShareRequest,
  checkShareRequest,
  documentDetailsSchema,
  normalizeCode,
  openingReasonSchema,
  reminderDue,
  shareExpiry,
  shareStatus,
  validityOf,
} from './rules';
import { DOCUMENT_KINDS } from './vocabulary';

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

describe('rappels avant la fin d’un papier', () => {
  const residence = DOCUMENT_KINDS.titre_sejour.remindMonthsBefore;
  it('un titre de séjour : à 3 mois, puis à 1 mois ; rien avant, rien une fois fini', () => {
    expect(reminderDue(residence, '2027-03-15', '2026-12-14')).toBeNull();
    expect(reminderDue(residence, '2027-03-15', '2026-12-15')).toBe(3);
    expect(reminderDue(residence, '2027-03-15', '2027-02-14')).toBe(3);
    expect(reminderDue(residence, '2027-03-15', '2027-02-15')).toBe(1);
    expect(reminderDue(residence, '2027-03-15', '2027-03-14')).toBe(1);
    expect(reminderDue(residence, '2027-03-15', '2027-03-15')).toBeNull();
  });
  it('une pièce d’identité à 1 mois ; un RIB, un papier sans date de fin : jamais', () => {
    expect(reminderDue(DOCUMENT_KINDS.piece_identite.remindMonthsBefore, '2027-01-31', '2026-12-30')).toBeNull();
    expect(reminderDue(DOCUMENT_KINDS.piece_identite.remindMonthsBefore, '2027-01-31', '2026-12-31')).toBe(1);
    expect(reminderDue(DOCUMENT_KINDS.rib.remindMonthsBefore, '2027-01-31', '2027-01-30')).toBeNull();
    expect(reminderDue(residence, null, '2027-01-30')).toBeNull();
  });
});

describe('partages', () => {
  const own = new Set(['a', 'b']);
  const request = { documentIds: ['a'], recipientName: '  CAF   d’Alpha ', recipientEmail: ' Accueil@CAF.fr ', duration: '7j' };
  it('nettoie le nom et l’adresse, garde les papiers de la personne', () => {
    expect(checkShareRequest({ ...request, documentIds: ['a', 'a', 'b'] }, own)).toEqual({
      ok: true,
      value: { documentIds: ['a', 'b'], recipientName: 'CAF d’Alpha', recipientEmail: 'accueil@caf.fr', duration: '7j' },
    });
  });
  it('dit chaque problème par champ', () => {
    expect(checkShareRequest({ ...request, documentIds: ['c'] }, own)).toEqual({ ok: false, problem: { papiers: 'invalide' } });
    expect(checkShareRequest({ ...request, recipientName: 'x'.repeat(121), recipientEmail: 'a@b', duration: '1an' }, own)).toEqual({
      ok: false,
      problem: { nom: 'trop_long', email: 'invalide', duree: 'vide' },
    });
  });
  it('vers un agent ou une orientation : un destinataire de la liste proposée, sans nom ni adresse à taper', () => {
    const referrals = new Set(['o1']);
    expect(checkChosenShareRequest({ documentIds: ['b', 'b'], recipientId: 'o1', duration: '1m' }, own, referrals)).toEqual({
      ok: true,
      value: { documentIds: ['b'], recipientId: 'o1', duration: '1m' },
    });
    expect(checkChosenShareRequest({ documentIds: [], recipientId: 'o2', duration: '2j' }, own, referrals)).toEqual({
      ok: false,
      problem: { papiers: 'vide', destinataire: 'invalide', duree: 'vide' },
    });
  });
  it('dure d’une heure à trois mois ; arrêté ou fini, il ne vaut plus', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    expect(shareExpiry(now, '1h').toISOString()).toBe('2026-11-30T11:00:00.000Z');
    expect(shareExpiry(now, '7j').toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(shareExpiry(now, '3m').toISOString()).toBe('2027-02-28T10:00:00.000Z');
    const end = shareExpiry(now, '1j');
    expect(shareStatus({ expiresAt: end, revokedAt: null }, now)).toBe('actif');
    expect(shareStatus({ expiresAt: end, revokedAt: null }, end)).toBe('expire');
    expect(shareStatus({ expiresAt: end, revokedAt: now }, now)).toBe('retire');
    expect(normalizeCode(' 123 456 ')).toBe('123456');
  });
});
