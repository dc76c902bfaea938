// Règles de l'espace personnel d'une personne (C10) : fonctions pures, sans base.
import { addMonths } from 'date-fns';
import { z } from 'zod';

/** Comment la personne se connecte à son espace (jamais par un mot de passe). */
export const SIGN_IN_CHANNELS = {
  sms: { label: 'Un code reçu par SMS', detail: 'sur le portable de sa fiche' },
  email: { label: 'Un code reçu par e-mail', detail: "à l'adresse de sa fiche" },
  carte: { label: 'Une carte imprimée', detail: 'un QR code et un code secret, remis en main propre' },
} as const;
export type SignInChannel = keyof typeof SIGN_IN_CHANNELS;

export const spaceOpeningSchema = z.object({
  consent: z.literal('oui', { error: 'Demandez à la personne si elle veut un espace personnel, et cochez son accord.' }),
  channel: z.enum(Object.keys(SIGN_IN_CHANNELS) as [SignInChannel, ...SignInChannel[]], {
    error: 'Choisissez comment la personne se connectera.',
  }),
});
export type SpaceOpeningInput = z.infer<typeof spaceOpeningSchema>;

/** Un numéro de portable français (06, 07, ou +33 6 / +33 7) : un SMS n'arrive pas sur un fixe. */
export function isMobilePhone(phone: string | null) {
  const digits = (phone ?? '').replace(/[\s.-]/g, '');
  return /^(?:\+33|0)[67]\d{8}$/.test(digits);
}

/** Le moyen choisi demande-t-il un contact absent de la fiche ? Le message dit quoi compléter. */
export function channelProblem(channel: SignInChannel, contact: { phone: string | null; email: string | null }): string | null {
  if (channel === 'sms' && !isMobilePhone(contact.phone))
    return 'Pour un code par SMS, la fiche doit avoir un numéro de portable (06 ou 07). Complétez la fiche, ou choisissez un autre moyen.';
  if (channel === 'email' && !contact.email?.trim())
    return 'Pour un code par e-mail, la fiche doit avoir une adresse e-mail. Complétez la fiche, ou choisissez un autre moyen.';
  return null;
}

/** Un code reçu : 6 chiffres, valable 10 minutes, 5 essais. */
export const CODE_DIGITS = 6;
export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
/** Au plus 5 codes par contact et 20 par adresse IP dans l'heure : assez pour un oubli, pas pour des rafales. */
export const CODES_PER_CONTACT_HOUR = 5;
export const CODES_PER_IP_HOUR = 20;

/** Une session d'habitant : 30 minutes sans rien faire, 5 sur un ordinateur partagé, 12 heures au plus. */
export const RESIDENT_IDLE_MINUTES = 30;
export const SHARED_COMPUTER_IDLE_MINUTES = 5;
export const RESIDENT_SESSION_HOURS = 12;

export type CodeChannel = Extract<SignInChannel, 'sms' | 'email'>;

/**
 * Le contact tapé par la personne, sous la forme que compare la connexion : une adresse e-mail en minuscules, ou un
 * numéro de portable réduit à ses chiffres (+33 devient 0). null si ce n'est ni l'un ni l'autre.
 */
export function normalizeContact(raw: string): { channel: CodeChannel; value: string } | null {
  const text = raw.trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? { channel: 'email', value: email } : null;
  }
  if (!isMobilePhone(text)) return null;
  return { channel: 'sms', value: text.replace(/[\s.-]/g, '').replace(/^\+33/, '0') };
}

/** Le code tapé, sans espaces ; null s'il n'a pas 6 chiffres. */
export function normalizeCode(raw: string): string | null {
  const digits = raw.replace(/[\s.-]/g, '');
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export interface ResidentSessionTimes {
  sharedComputer: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
}

export const residentIdleMinutes = (sharedComputer: boolean) => (sharedComputer ? SHARED_COMPUTER_IDLE_MINUTES : RESIDENT_IDLE_MINUTES);

/** Une session d'habitant expire après son inactivité (5 minutes sur un ordinateur partagé) ou à son échéance. */
export function residentSessionExpired(session: ResidentSessionTimes, now: Date) {
  return now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() > residentIdleMinutes(session.sharedComputer) * 60_000;
}

/** La carte : un code secret (PIN) de 6 chiffres ; 5 codes faux la bloquent (une nouvelle carte la remplace). */
export const PIN_ATTEMPTS = 5;

/** Les raisons pour lesquelles une carte ne vaut plus. */
export const CARD_REVOCATIONS = {
  remplacee: 'remplacée par une nouvelle carte',
  perdue: 'déclarée perdue',
  retiree: 'retirée',
  espace_ferme: 'espace fermé',
} as const;
export type CardRevocation = keyof typeof CARD_REVOCATIONS;

/** Les essais qui restent après un code faux ; 0 : la carte est bloquée. */
export const pinAttemptsLeft = (attempts: number) => Math.max(0, PIN_ATTEMPTS - attempts);

/** Ce que la personne peut demander depuis « Mes données » ; la structure répond dans le mois. */
export const REQUEST_KINDS = ['correction', 'effacement'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_MESSAGE_MAX = 2000;

export type RequestProblem = 'type_inconnu' | 'message_vide' | 'message_trop_long';

/** Une demande tapée par la personne : une correction dit quoi corriger ; un effacement peut venir sans mot. */
export function checkRequest(
  kind: string,
  message: string,
): { ok: true; kind: RequestKind; message: string | null } | { ok: false; problem: RequestProblem } {
  if (!(REQUEST_KINDS as readonly string[]).includes(kind)) return { ok: false, problem: 'type_inconnu' };
  const text = message.trim();
  if (text.length > REQUEST_MESSAGE_MAX) return { ok: false, problem: 'message_trop_long' };
  if (kind === 'correction' && !text) return { ok: false, problem: 'message_vide' };
  return { ok: true, kind: kind as RequestKind, message: text || null };
}

/** Le délai légal de réponse (RGPD, art. 12) : un mois (le dernier jour d'un mois plus court, par date-fns). */
export const requestDueAt = (createdAt: Date) => addMonths(createdAt, 1);

/** Les points gagnés (ou perdus) entre le premier et le dernier diagnostic ; null avant un deuxième diagnostic. */
export function progressOf(scores: readonly number[]) {
  return scores.length < 2 ? null : scores.at(-1)! - scores[0]!;
}
