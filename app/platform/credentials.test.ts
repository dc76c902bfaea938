import { describe, expect, it } from 'vitest';
import { CORPUS, notesOf } from './credentials-corpus';
import { measureDetector } from './credentials-corpus/measure';
import { CREDENTIAL_MESSAGES, credentialMessage, findCredential } from './credentials';

describe("détecteur d'identifiants secrets", () => {
  it('dispose d’un corpus d’au moins 300 notes avec secret et 600 sans, en deux moitiés disjointes', () => {
    expect(CORPUS.filter((n) => n.secret).length).toBeGreaterThanOrEqual(300);
    expect(CORPUS.filter((n) => !n.secret).length).toBeGreaterThanOrEqual(600);
    const development = new Set(notesOf('developpement').map((n) => n.text));
    const measurement = notesOf('mesure');
    expect(measurement.length).toBeGreaterThanOrEqual(400);
    expect(measurement.filter((n) => development.has(n.text))).toEqual([]);
    // Chaque catégorie de secret a des notes dans la moitié de mesure (rendue par `npm run bench`).
    const measured = new Set(measurement.filter((n) => n.secret).map((n) => n.category));
    for (const category of new Set(CORPUS.filter((n) => n.secret && n.category !== 'premier_corpus').map((n) => n.category)))
      expect(measured, category).toContain(category);
  });

  it('sur la moitié de développement : au moins 95 % des secrets trouvés, moins de 2 % de notes saines refusées', () => {
    const { recall, falsePositiveRate, falseAlarms } = measureDetector(notesOf('developpement'));
    expect(falseAlarms, 'notes saines refusées').toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.02);
  });

  it.each([
    ['Mot de passe ameli : Soleil2024!', 'mot_de_passe'],
    ['mpd caf : Kenza2010', 'mot_de_passe'],
    ['awa.diop@gmail.com / Chouchou75', 'mot_de_passe'],
    ['question secrète : ville de naissance ? réponse : Oran', 'mot_de_passe'],
    ['code reçu par SMS : 482913', 'code_secret'],
    ['3D secure 482-913', 'code_secret'],
    ['code PIN cinq cinq un deux', 'code_secret'],
    ['CB 4970101234567893', 'carte_bancaire'],
    ['CB 4970 1012 3456 7899', 'carte_bancaire'],
    ['IBAN FR76 3000 6000 0112 3456 7890 189', 'iban'],
    ['IBAN FR77 3000 6000 0112 3456 7890 189', 'iban'],
    ['NIR 1 85 05 75 123 456 73', 'numero_securite_sociale'],
    ['n° sécu 1 85 05 75 123 456 74', 'numero_securite_sociale'],
  ] as const)('reconnaît « %s » (%s)', (note, kind) => {
    expect(findCredential(note)).toBe(kind);
    expect(credentialMessage(note)).toBe(CREDENTIAL_MESSAGES[kind]);
  });

  it('sans contexte, ne retient un numéro de carte, un IBAN ou un NIR que si sa clé est juste', () => {
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

describe('détecteur sur un texte énorme', () => {
  // Avant la correction, un mot d'un million de caractères occupait le serveur plusieurs minutes (règles
  // quadratiques) : ce test dépassait son délai. La vitesse elle-même se mesure dans `npm run bench`.
  it('lit un million de caractères (un mot géant, des mots-clés répétés) et y trouve encore un secret', () => {
    expect(findCredential('é'.repeat(1_000_000))).toBeNull();
    expect(findCredential('a@b.fr / '.repeat(100_000))).toBeNull();
    expect(findCredential(`${'x'.repeat(500_000)} mdp : Soleil2024!`)).toBe('mot_de_passe');
  });
});
