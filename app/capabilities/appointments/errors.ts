// Les messages des refus des rendez-vous, en français, tels que les pages les montrent.
import type { StatusResult } from './appointments.server';

export const STATUS_REFUSALS: Record<Exclude<Extract<StatusResult, { ok: false }>['error'], 'introuvable'>, string> = {
  trop_tot: 'Ce rendez-vous n’a pas encore eu lieu : il peut seulement être excusé (la personne a prévenu) ou annulé.',
  annule: 'Ce rendez-vous est annulé : son état ne change plus.',
};

export const APPOINTMENT_NOT_FOUND = "Ce rendez-vous n'existe pas dans votre structure.";
