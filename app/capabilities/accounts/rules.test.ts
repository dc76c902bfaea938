import { describe, expect, it } from 'vitest';
import { sessionExpired } from '../../platform/session-rules';
import { afterFailure, isLocked, MAX_FAILURES, passwordProblem, safeReturnPath, signInSchema, totpSchema } from './rules';

const now = new Date('2026-11-26T09:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('mot de passe des agents', () => {
  it.each([
    ['court', 'Le mot de passe doit contenir au moins 12 caractères.'],
    ['aaaaaaaaaaaaaaaa', 'Le mot de passe répète trop les mêmes caractères.'],
    ['MonMotDePasse2026!', 'Ce mot de passe est trop courant ; choisissez une phrase que vous seul connaissez.'],
    ['x'.repeat(60) + 'abcdefghijklmnopqrstuvwxyz'.repeat(3), 'Le mot de passe ne doit pas dépasser 128 caractères.'],
  ])('refuse « %s »', (password, message) => {
    expect(passwordProblem(password)).toBe(message);
  });

  it("refuse un mot de passe qui contient l'identifiant", () => {
    expect(passwordProblem('julien.moreau-2026', 'julien.moreau@alpha.test')).toBe(
      'Le mot de passe ne doit pas contenir votre adresse e-mail.',
    );
  });

  it('accepte une phrase de passe', () => {
    expect(passwordProblem('le chat dort sur la box', 'julien.moreau@alpha.test')).toBeNull();
  });
});

describe('verrouillage après des échecs répétés', () => {
  it(`verrouille 15 minutes au ${MAX_FAILURES}e échec`, () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 1; i < MAX_FAILURES; i++) {
      state = afterFailure(state, now);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailure(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, minutes(14))).toBe(true);
    expect(isLocked(state, minutes(15))).toBe(false);
  });

  it('repart de zéro après un verrou échu', () => {
    const expired = { failures: 0, lockedUntil: minutes(-1) };
    expect(afterFailure(expired, now)).toEqual({ failures: 1, lockedUntil: null });
  });
});

describe('expiration des sessions', () => {
  const session = { lastSeenAt: now, expiresAt: minutes(12 * 60) };
  it("expire après l'inactivité", () => {
    expect(sessionExpired(session, minutes(59), 60)).toBe(false);
    expect(sessionExpired(session, minutes(61), 60)).toBe(true);
  });
  it("expire à l'échéance absolue même en activité", () => {
    expect(sessionExpired({ lastSeenAt: minutes(12 * 60 - 1), expiresAt: session.expiresAt }, minutes(12 * 60), 60)).toBe(true);
  });
});

describe('formulaires de connexion', () => {
  it('normalise l’e-mail et explique une adresse invalide', () => {
    expect(signInSchema.parse({ email: '  Admin@Alpha.TEST ', password: 'x' }).email).toBe('admin@alpha.test');
    const result = signInSchema.safeParse({ email: 'admin', password: '' });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.',
      'Indiquez votre mot de passe.',
    ]);
  });
  it('accepte un code à 6 chiffres avec espaces', () => {
    expect(totpSchema.parse({ code: '123 456' }).code).toBe('123456');
    expect(totpSchema.safeParse({ code: '12345' }).error?.issues[0]?.message).toBe('Le code comporte exactement 6 chiffres.');
  });
});

describe('retour après la connexion', () => {
  it.each([
    ['/administration/journal?page=2', '/administration/journal?page=2'],
    ['/personnes/1#historique', '/personnes/1#historique'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/\\evil.example', '/'],
    ['/\\/evil.example', '/'],
    ['//evil.example', '/'],
    ['///evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/\tevil', '/'],
    ['/\n//evil.example', '/'],
    ['evil.example', '/'],
    ['', '/'],
  ])('%j → %j', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
