import { describe, expect, it } from 'vitest';
import { afterFailure, errorSummary, maskRecipient, MAX_ATTEMPTS, periodicKey, retryDelayMs } from './rules';

const NOW = new Date('2026-12-02T10:00:00Z');

describe('reprise des travaux et des envois', () => {
  it('attend 1, 4, 16 minutes… puis au plus 6 heures', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 240_000, 960_000, 3_840_000]);
    expect(retryDelayMs(10)).toBe(6 * 3_600_000);
  });

  it('reprogramme jusqu’au dernier essai, puis déclare l’échec', () => {
    expect(afterFailure(1, NOW)).toEqual({ status: 'en_attente', runAt: new Date('2026-12-02T10:01:00Z') });
    expect(afterFailure(MAX_ATTEMPTS - 1, NOW).status).toBe('en_attente');
    expect(afterFailure(MAX_ATTEMPTS, NOW)).toEqual({ status: 'echec' });
  });

  it('donne la même clé pendant toute une période, une autre à la suivante', () => {
    const hour = 3_600_000;
    expect(periodicKey('suivi', new Date('2026-12-02T10:00:00Z'), hour)).toBe(periodicKey('suivi', new Date('2026-12-02T10:59:59Z'), hour));
    expect(periodicKey('suivi', new Date('2026-12-02T11:00:00Z'), hour)).not.toBe(
      periodicKey('suivi', new Date('2026-12-02T10:59:59Z'), hour),
    );
  });

  it('résume une erreur en une ligne bornée', () => {
    expect(errorSummary(new Error('Connexion refusée\n    at socket'))).toBe('Connexion refusée');
    expect(errorSummary('x'.repeat(400))).toHaveLength(300);
    expect(errorSummary(new Error(''))).toBe('Erreur inconnue');
  });
});

describe('destinataire masqué', () => {
  it('garde la première lettre et le domaine d’une adresse, les deux premiers et derniers chiffres d’un numéro', () => {
    expect(maskRecipient('jeanne.martin@exemple.fr')).toBe('j•••@exemple.fr');
    expect(maskRecipient('06 11 22 33 44')).toBe('06 •• •• •• 44');
    expect(maskRecipient('+33611223344')).toBe('33 •• •• •• 44');
    expect(maskRecipient('abc')).toBe('•••');
  });
});
