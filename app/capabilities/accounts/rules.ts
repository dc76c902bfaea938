// Règles des comptes d'agents : fonctions pures, testées dans rules.test.ts.
import { z } from 'zod';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const emailField = z
  .string({ error: 'Indiquez une adresse e-mail.' })
  .trim()
  .min(1, 'Indiquez une adresse e-mail.')
  .max(254, 'Cette adresse e-mail est trop longue.')
  .pipe(z.email({ error: 'Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.' }))
  .transform(normalizeEmail);

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: 'Indiquez votre mot de passe.' }).min(1, 'Indiquez votre mot de passe.').max(256),
});

export const totpSchema = z.object({
  code: z
    .string({ error: 'Indiquez le code à 6 chiffres.' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Le code comporte exactement 6 chiffres.')),
});

/** Un mot de passe d'agent : 12 caractères au moins (recommandation CNIL pour un mot de passe seul + second facteur). */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 12) return 'Le mot de passe doit contenir au moins 12 caractères.';
  if (password.length > 128) return 'Le mot de passe ne doit pas dépasser 128 caractères.';
  if (new Set(password).size < 5) return 'Le mot de passe répète trop les mêmes caractères.';
  const local = email ? normalizeEmail(email).split('@')[0] : '';
  if (local && local.length >= 4 && password.toLowerCase().includes(local))
    return 'Le mot de passe ne doit pas contenir votre adresse e-mail.';
  if (COMMON_PASSWORDS.some((common) => password.toLowerCase().includes(common)))
    return 'Ce mot de passe est trop courant ; choisissez une phrase que vous seul connaissez.';
  return null;
}

const COMMON_PASSWORDS = ['motdepasse', 'password', 'azerty123', '123456789', 'relais-demo', 'soleil123'];

export const newPasswordSchema = z
  .object({
    password: z.string({ error: 'Choisissez un mot de passe.' }),
    confirmation: z.string({ error: 'Confirmez le mot de passe.' }),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    else if (value.password !== value.confirmation)
      ctx.addIssue({ code: 'custom', path: ['confirmation'], message: 'Les deux mots de passe ne sont pas identiques.' });
  });

/** Verrouillage temporaire : 5 échecs consécutifs bloquent l'e-mail 15 minutes. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

export const isLocked = (state: ThrottleState | null, now: Date) =>
  state?.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();

export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  // Un verrou échu repart de zéro.
  const previous = state && !(state.lockedUntil && state.lockedUntil <= now) ? state.failures : 0;
  const failures = previous + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  return { failures: lockedUntil ? 0 : failures, lockedUntil };
}

/** La ligne qui compte les échecs d'un compte, toutes adresses confondues. */
export const WHOLE_ACCOUNT = '*';

/**
 * Le délai qu'impose un compte qui a cumulé des échecs, d'où qu'ils viennent : rien jusqu'au cinquième, puis une
 * seconde, deux, quatre… (15 minutes au plus) après le dernier échec. Un agent qui se trompe deux fois n'attend pas ;
 * un essai de mots de passe réparti sur mille adresses attend de plus en plus.
 */
export function accountWait(account: { failures: number; updatedAt: Date } | null, now: Date): number {
  if (!account || account.failures < MAX_FAILURES) return 0;
  const seconds = Math.min(LOCK_MINUTES * 60, 2 ** (account.failures - MAX_FAILURES));
  return Math.max(0, account.updatedAt.getTime() + seconds * 1000 - now.getTime());
}

/** Codes du second facteur refusés d'affilée avant le blocage, et sa durée. */
export const MAX_SECOND_FACTOR_FAILURES = 5;
export const SECOND_FACTOR_LOCK_MINUTES = 15;

export const secondFactorLocked = (user: { totpLockedUntil: Date | null }, now: Date) =>
  user.totpLockedUntil !== null && user.totpLockedUntil > now;

/** Après un code refusé : un échec de plus, ou le blocage (et le compteur remis à zéro) au cinquième. */
export function afterSecondFactorFailure(failures: number, now: Date): { totpFailures: number; totpLockedUntil: Date | null } {
  if (failures + 1 < MAX_SECOND_FACTOR_FAILURES) return { totpFailures: failures + 1, totpLockedUntil: null };
  return { totpFailures: 0, totpLockedUntil: new Date(now.getTime() + SECOND_FACTOR_LOCK_MINUTES * 60_000) };
}

/**
 * La page où revenir après la connexion, seulement si c'est une page de Relais : l'adresse est lue comme le ferait
 * le navigateur (une barre oblique inverse vaut « / », « //site » est un autre site) et gardée si elle reste sur
 * la même origine ; sinon, le tableau de bord.
 */
export function safeReturnPath(value: string | null): string {
  const hasControl = [...(value ?? '')].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (!value || !value.startsWith('/') || hasControl) return '/';
  const origin = 'http://relais.invalid';
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

export const RESET_TOKEN_HOURS = 1;
/** Un seul e-mail de mot de passe oublié par compte dans cet intervalle, quel que soit le nombre de demandes. */
export const RESET_EMAIL_INTERVAL_MINUTES = 10;
export const INVITATION_TOKEN_HOURS = 72;
