import { describe, expect, it } from 'vitest';
import { WITH_CREDENTIALS, WITHOUT_CREDENTIALS } from './credentials.corpus';
import { CREDENTIAL_MESSAGES, credentialMessage, findCredential } from './credentials';

export function measureDetector() {
  const missed = WITH_CREDENTIALS.filter((note) => findCredential(note) === null);
  const falseAlarms = WITHOUT_CREDENTIALS.filter((note) => findCredential(note) !== null);
  return {
    recall: 1 - missed.length / WITH_CREDENTIALS.length,
    falsePositiveRate: falseAlarms.length / WITHOUT_CREDENTIALS.length,
    missed,
    falseAlarms,
  };
}

describe("détecteur d'identifiants secrets", () => {
  it('dispose d’un corpus d’au moins 100 notes avec secret et 300 sans', () => {
    expect(WITH_CREDENTIALS.length).toBeGreaterThanOrEqual(100);
    expect(WITHOUT_CREDENTIALS.length).toBeGreaterThanOrEqual(300);
  });

  it('trouve au moins 95 % des secrets et refuse moins de 2 % des notes saines', () => {
    const { recall, falsePositiveRate, missed, falseAlarms } = measureDetector();
    expect(missed, 'secrets manqués').toEqual([]);
    expect(falseAlarms, 'notes saines refusées').toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.02);
  });

  it.each([
    ['Mot de passe ameli : Soleil2024!', 'mot_de_passe'],
    ['code reçu par SMS : 482913', 'code_secret'],
    ['CB 4970101234567893', 'carte_bancaire'],
    ['IBAN FR76 3000 6000 0112 3456 7890 189', 'iban'],
    ['NIR 1 85 05 75 123 456 73', 'numero_securite_sociale'],
  ] as const)('reconnaît « %s » (%s)', (note, kind) => {
    expect(findCredential(note)).toBe(kind);
    expect(credentialMessage(note)).toBe(CREDENTIAL_MESSAGES[kind]);
  });

  it('ignore un numéro de carte, un IBAN ou un NIR dont la clé est fausse', () => {
    expect(findCredential('4970 1012 3456 7899')).toBeNull();
    expect(findCredential('Facture 4970101234567893 1')).toBe('carte_bancaire');
    expect(findCredential('FR76 3000 6000 0112 3456 7890 188')).toBeNull();
    expect(findCredential('1 85 05 75 123 456 74')).toBeNull();
  });

  it('explique en français, sans répéter le secret', () => {
    const message = credentialMessage('mdp : Soleil2024!')!;
    expect(message).toMatch(/^Ne notez jamais un mot de passe/);
    expect(message).not.toContain('Soleil2024');
  });
});
