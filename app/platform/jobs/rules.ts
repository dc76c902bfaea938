// Règles des travaux différés et des envois : reprise avec un délai croissant, abandon après quelques essais,
// créneaux des tâches périodiques. Fonctions pures, testées dans rules.test.ts.

import { codeOf } from '../log';

/** Au-delà, un travail ou un message est en échec : il reste visible et un responsable peut le relancer. */
export const MAX_ATTEMPTS = 6;

/** Le bail d'un travail réclamé : passé ce délai sans réponse (serveur arrêté), un autre worker le reprend. */
export const LEASE_MS = 5 * 60_000;

const MINUTE_MS = 60_000;

/** Après le n-ième échec : 1, 4, 16, 64 minutes… plafonné à 6 heures. */
export function retryDelayMs(attempts: number) {
  return Math.min(MINUTE_MS * 4 ** Math.max(0, attempts - 1), 6 * 60 * MINUTE_MS);
}

export type Outcome = { status: 'fait' | 'envoye' } | { status: 'en_attente'; runAt: Date } | { status: 'echec' };

/** Ce que devient un travail après son essai n° `attempts` (compté, 1 pour le premier). */
export function afterFailure(attempts: number, now: Date): Outcome {
  if (attempts >= MAX_ATTEMPTS) return { status: 'echec' };
  return { status: 'en_attente', runAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** Le créneau d'une tâche périodique : la même clé pendant toute la période, donc au plus une tâche par période. */
export function periodicKey(kind: string, now: Date, periodMs: number) {
  return `${kind}:${Math.floor(now.getTime() / periodMs)}`;
}

/** L'erreur telle qu'elle sera montrée au responsable : une ligne, sans pile, bornée. */
/**
 * Ce qu'un responsable lit d'un échec d'envoi ou de travail : la première ligne du message (« connexion refusée par
 * le serveur SMTP »), sauf pour une erreur de la base, dont le message porterait la requête et ses paramètres.
 */
export function errorSummary(error: unknown) {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (/^Failed query/.test(message) || (code !== null && /^[0-9A-Z]{5}$/.test(code)))
    return `Erreur de la base de données${code ? ` (code ${code})` : ''}`;
  return message.split('\n')[0]!.slice(0, 300) || 'Erreur inconnue';
}

export const JOB_STATUS_LABELS = { en_attente: 'En attente', en_cours: 'En cours', fait: 'Fait', echec: 'En échec' } as const;
export const MESSAGE_STATUS_LABELS = {
  en_attente: 'En attente',
  en_cours: 'En cours d’envoi',
  envoye: 'Envoyé',
  echec: 'En échec',
} as const;
export const CHANNEL_LABELS = { email: 'E-mail', sms: 'SMS' } as const;
export type Channel = keyof typeof CHANNEL_LABELS;

/** Le responsable voit à qui un message est parti sans relire l'adresse entière : « j•••@exemple.fr », « 06 •• •• •• 44 ». */
export function maskRecipient(recipient: string) {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient[0]}•••${recipient.slice(at)}`;
  const digits = recipient.replace(/\D/g, '');
  if (digits.length >= 6) return `${digits.slice(0, 2)} •• •• •• ${digits.slice(-2)}`;
  return '•••';
}
