import { describe, expect, it } from 'vitest';
import {
  coverage,
  expiryOf,
  findCovering,
  mandateSchema,
  paperSignatureSchema,
  PROTECTION_REFUSAL,
  screenSignatureSchema,
  statusOf,
} from './rules';

const errors = (input: Record<string, unknown>) =>
  Object.fromEntries((mandateSchema.safeParse(input).error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
const valid = {
  areas: ['social', 'logement'],
  duration: 'six_mois',
  consent: ['objet', 'donnees', 'droits', 'revocable'],
  protection: 'aucune',
};

describe('formulaire de mandat', () => {
  it('accepte un mandat complet, une seule case cochée comprise', () => {
    expect(mandateSchema.parse(valid).areas).toEqual(['social', 'logement']);
    expect(mandateSchema.parse({ ...valid, areas: 'papiers' }).areas).toEqual(['papiers']);
  });

  it.each([
    [{ areas: undefined }, 'areas', 'Cochez au moins un domaine de démarches.'],
    [{ areas: ['social', 'impots'] }, 'areas', 'Ce domaine ne fait pas partie de la liste.'],
    [{ duration: '2_ans' }, 'duration', 'Choisissez une durée : 1 jour, 1 mois, 6 mois ou 1 an.'],
    [{ consent: ['objet', 'donnees', 'droits'] }, 'consent', expect.stringMatching(/cochez-les tous/)],
    [{ protection: undefined }, 'protection', 'Indiquez si une mesure de protection juridique s’applique.'],
    [{ protection: 'mesure' }, 'protection', PROTECTION_REFUSAL],
  ])('refuse %o', (change, field, message) => {
    expect(errors({ ...valid, ...change })[field]).toEqual(message);
  });

  it('explique qui peut agir quand une mesure de protection s’applique', () => {
    expect(PROTECTION_REFUSAL).toMatch(/tutelle, curatelle, sauvegarde de justice ou habilitation familiale/);
    expect(PROTECTION_REFUSAL).toMatch(/tuteur, curateur/);
  });
});

describe('signatures', () => {
  it('sur l’écran sans JavaScript : nom complet et case cochée', () => {
    expect(screenSignatureSchema.parse({ signerName: ' Awa Diop ', signed: 'oui' })).toEqual({
      signerName: 'Awa Diop',
      signed: 'oui',
      trace: null,
    });
    expect(screenSignatureSchema.safeParse({ signerName: 'Awa Diop' }).success).toBe(false);
    expect(screenSignatureSchema.safeParse({ signerName: 'A', signed: 'oui' }).success).toBe(false);
  });
  it('n’accepte qu’un tracé fait de coordonnées', () => {
    expect(screenSignatureSchema.parse({ signerName: 'Awa Diop', signed: 'oui', trace: 'M 1 2 L 3.5 4' }).trace).toBe('M 1 2 L 3.5 4');
    expect(screenSignatureSchema.safeParse({ signerName: 'Awa Diop', signed: 'oui', trace: '<script>' }).success).toBe(false);
  });
  it('sur papier : une date passée de moins de 30 jours', () => {
    const now = new Date('2026-11-26T10:00:00');
    expect(paperSignatureSchema(now).safeParse({ signedOn: '2026-11-26' }).success).toBe(true);
    expect(paperSignatureSchema(now).safeParse({ signedOn: '2026-11-27' }).error?.issues[0]?.message).toBe(
      'La date de signature ne peut pas être dans le futur.',
    );
    expect(paperSignatureSchema(now).safeParse({ signedOn: '2026-10-01' }).success).toBe(false);
  });
});

describe('échéance et état', () => {
  it('ajoute la durée à la signature, en gardant le dernier jour du mois', () => {
    expect(expiryOf(new Date('2026-11-26T10:00:00'), 'un_jour')).toEqual(new Date('2026-11-27T10:00:00'));
    expect(expiryOf(new Date('2027-01-31T10:00:00'), 'un_mois')).toEqual(new Date('2027-02-28T10:00:00'));
    expect(expiryOf(new Date('2026-11-26T10:00:00'), 'six_mois')).toEqual(new Date('2027-05-26T10:00:00'));
    expect(expiryOf(new Date('2028-02-29T10:00:00'), 'un_an')).toEqual(new Date('2029-02-28T10:00:00'));
  });

  it('est à signer, actif, expiré ou révoqué', () => {
    const now = new Date('2026-11-26T10:00:00');
    expect(statusOf({ signedAt: null, expiresAt: null, revokedAt: null }, now)).toBe('a_signer');
    expect(statusOf({ signedAt: now, expiresAt: new Date('2026-11-27T10:00:00'), revokedAt: null }, now)).toBe('actif');
    expect(statusOf({ signedAt: now, expiresAt: now, revokedAt: null }, now)).toBe('expire');
    expect(statusOf({ signedAt: now, expiresAt: new Date('2027-01-01'), revokedAt: now }, now)).toBe('revoque');
  });
});

describe('ce que couvre un mandat', () => {
  const signedAt = new Date('2026-11-26T10:00:00');
  const mandate = { areas: ['social'], signedAt, expiresAt: new Date('2026-12-26T10:00:00'), revokedAt: null };
  const at = (iso: string) => new Date(iso);

  it('couvre un acte de ses domaines entre la signature et l’échéance', () => {
    expect(coverage(mandate, 'social', at('2026-12-01T09:00:00'))).toBe('couvert');
    // Signé pendant le rendez-vous commencé un peu avant.
    expect(coverage(mandate, 'social', at('2026-11-26T08:30:00'))).toBe('couvert');
  });

  it('refuse hors domaine, avant la signature, après l’échéance ou la révocation, non signé', () => {
    expect(coverage(mandate, 'logement', at('2026-12-01T09:00:00'))).toBe('hors_domaine');
    expect(coverage(mandate, 'social', at('2026-11-25T09:00:00'))).toBe('avant_signature');
    expect(coverage(mandate, 'social', at('2026-12-26T10:00:00'))).toBe('expire');
    expect(coverage({ ...mandate, revokedAt: at('2026-12-01T00:00:00') }, 'social', at('2026-12-02T09:00:00'))).toBe('revoque');
    expect(coverage({ ...mandate, signedAt: null, expiresAt: null }, 'social', at('2026-12-01T09:00:00'))).toBe('non_signe');
  });

  it('trouve le mandat qui couvre, sinon donne la raison la plus utile', () => {
    const revoked = { ...mandate, revokedAt: at('2026-11-30T00:00:00') };
    const housing = { ...mandate, areas: ['logement'] };
    expect(findCovering([housing, mandate], 'social', at('2026-12-01T09:00:00'))).toMatchObject({ ok: true, mandate });
    expect(findCovering([housing, revoked], 'social', at('2026-12-01T09:00:00'))).toEqual({ ok: false, reason: 'revoque' });
    expect(findCovering([housing], 'social', at('2026-12-01T09:00:00'))).toEqual({ ok: false, reason: 'hors_domaine' });
    expect(findCovering([], 'social', at('2026-12-01T09:00:00'))).toEqual({ ok: false, reason: 'hors_domaine' });
  });
});
