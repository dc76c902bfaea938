// Règles des mandats, fonctions pures testées dans rules.test.ts : le formulaire, l'échéance, l'état,
// ce qu'un mandat couvre.
import { z } from 'zod';
import { choice, freeText } from '../../platform/fields';
import type { Theme } from '../../vocabulary/coop';
import {
  AREA_OF_THEME,
  AREAS,
  CONSENT_ITEMS,
  DURATIONS,
  PROTECTION_MEASURES,
  type Area,
  type Duration,
  type MandateStatus,
} from './vocabulary';
import { localDay } from '../../platform/time';

const listOf = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const PROTECTION_REFUSAL =
  `Relais ne peut pas établir ce mandat : quand une mesure de protection (${PROTECTION_MEASURES}) s'applique, ` +
  "c'est la personne désignée par le juge (tuteur, curateur, mandataire spécial ou personne habilitée) qui agit " +
  'pour la personne ou l’autorise. Proposez de la contacter, ou accompagnez la personne sans faire à sa place.';

/** Les domaines cochés : au moins un, chacun dans la liste d'Aidants Connect. */
export const areasField = z.preprocess(
  listOf,
  z
    .array(choice(AREAS, 'Ce domaine ne fait pas partie de la liste.'))
    .min(1, 'Cochez au moins un domaine de démarches.')
    .transform((areas) => [...new Set(areas)]),
);

/** Chaque point d'information est confirmé ; la déclaration sur les mesures de protection aussi. */
export const consentFields = {
  consent: z.preprocess(
    listOf,
    z
      .array(z.string())
      .refine(
        (items) => Object.keys(CONSENT_ITEMS).every((item) => items.includes(item)),
        'Lisez chaque point avec la personne et cochez-les tous : le mandat repose sur son accord éclairé.',
      ),
  ),
  protection: z
    .enum(['aucune', 'mesure'], { error: 'Indiquez si une mesure de protection juridique s’applique.' })
    .refine((v) => v === 'aucune', PROTECTION_REFUSAL),
};

export const mandateSchema = z.object({
  areas: areasField,
  duration: choice(DURATIONS, 'Choisissez une durée : 1 jour, 1 mois, 6 mois ou 1 an.'),
  ...consentFields,
});
export type MandateInput = z.infer<typeof mandateSchema>;

/** Signature sur l'écran : le tracé (avec JavaScript) ou le nom complet et la case cochée (sans). */
export const screenSignatureSchema = z.object({
  signerName: z
    .string({ error: 'Écrivez le nom complet de la personne.' })
    .trim()
    .min(3, 'Écrivez le nom complet de la personne (prénom et nom).')
    .max(120, 'Le nom ne doit pas dépasser 120 caractères.'),
  signed: z.literal('oui', { error: 'Cochez la case : la personne confirme qu’elle signe ce mandat.' }),
  trace: z
    .string()
    .max(50_000, 'Le tracé de la signature est trop long : effacez-le et signez à nouveau.')
    .regex(/^[MLml0-9 .,-]*$/, 'Le tracé de la signature est illisible : effacez-le et signez à nouveau.')
    .optional()
    .transform((v) => v || null),
});

export const paperSignatureSchema = (now: Date) =>
  z.object({
    signedOn: z.iso
      .date({ error: 'Indiquez la date de signature sur le papier.' })
      .refine((v) => v <= localDay(now), 'La date de signature ne peut pas être dans le futur.')
      .refine((v) => v >= localDay(new Date(now.getTime() - 30 * 86_400_000)), 'Un mandat papier se déclare signé dans les 30 jours.'),
  });

export const revocationSchema = z.object({
  reason: freeText(300, 'Le motif').refine(
    (v) => v !== null,
    'Indiquez pourquoi le mandat est révoqué (par exemple « à la demande de la personne »).',
  ),
});

/** L'échéance : la signature plus la durée ; un mois ajouté au 31 janvier tombe le dernier jour de février. */
export function expiryOf(signedAt: Date, duration: Duration) {
  const { days, months } = DURATIONS[duration];
  const expiry = new Date(signedAt.getTime() + days * 86_400_000);
  if (months) {
    const day = expiry.getDate();
    expiry.setDate(1);
    expiry.setMonth(expiry.getMonth() + months);
    const lastDay = new Date(expiry.getFullYear(), expiry.getMonth() + 1, 0).getDate();
    expiry.setDate(Math.min(day, lastDay));
  }
  return expiry;
}

export interface MandateState {
  signedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export function statusOf(mandate: MandateState, now: Date): MandateStatus {
  if (mandate.revokedAt) return 'revoque';
  if (!mandate.signedAt || !mandate.expiresAt) return 'a_signer';
  return mandate.expiresAt.getTime() <= now.getTime() ? 'expire' : 'actif';
}

/** Un mandat signé pendant le rendez-vous couvre ce rendez-vous, commencé au plus tôt 4 heures avant. */
export const SAME_APPOINTMENT_MS = 4 * 3600_000;

/**
 * Le mandat couvre-t-il un acte de ce domaine à ce moment ? Il faut qu'il soit signé, que l'acte soit
 * dans ses domaines, avant son échéance et avant sa révocation.
 */
export function coverage(mandate: MandateState & { areas: readonly string[] }, area: Area, at: Date) {
  if (!mandate.signedAt || !mandate.expiresAt) return 'non_signe' as const;
  if (!mandate.areas.includes(area)) return 'hors_domaine' as const;
  if (mandate.revokedAt && at.getTime() >= mandate.revokedAt.getTime()) return 'revoque' as const;
  if (at.getTime() >= mandate.expiresAt.getTime()) return 'expire' as const;
  if (at.getTime() < mandate.signedAt.getTime() - SAME_APPOINTMENT_MS) return 'avant_signature' as const;
  return 'couvert' as const;
}
export type Coverage = ReturnType<typeof coverage>;

export const COVERAGE_MESSAGES: Record<Exclude<Coverage, 'couvert'>, string> = {
  non_signe: "Le mandat n'est pas encore signé : il ne couvre aucun acte.",
  hors_domaine: 'Aucun mandat actif de la personne ne couvre ce domaine.',
  revoque: 'Le mandat a été révoqué avant cet acte.',
  expire: 'Le mandat avait expiré à la date de cet acte.',
  avant_signature: 'Cet acte est antérieur à la signature du mandat.',
};

/** Parmi les mandats d'une personne, celui qui couvre l'acte, sinon la meilleure raison du refus. */
export function findCovering<M extends MandateState & { areas: readonly string[] }>(mandates: readonly M[], area: Area, at: Date) {
  const results = mandates.map((mandate) => ({ mandate, result: coverage(mandate, area, at) }));
  const covering = results.find((r) => r.result === 'couvert');
  if (covering) return { ok: true as const, mandate: covering.mandate };
  // La raison la plus parlante : un mandat du bon domaine révoqué ou expiré plutôt que « aucun mandat ».
  const order: Coverage[] = ['revoque', 'expire', 'avant_signature', 'non_signe', 'hors_domaine'];
  const reason = order.find((r) => results.some((x) => x.result === r && (r === 'hors_domaine' || x.mandate.areas.includes(area))));
  return { ok: false as const, reason: (reason ?? 'hors_domaine') as Exclude<Coverage, 'couvert'> };
}

/** Ce qu'a fait le médiateur sous mandat : le domaine, le service en ligne, ce qui a été fait. */
export const actSchema = z.object({
  mandateArea: choice(AREAS, 'Choisissez le domaine de la démarche faite à la place de la personne.'),
  onlineService: freeText(120, 'Le service en ligne').refine(
    (v) => v !== null,
    'Indiquez le service en ligne utilisé (par exemple caf.fr).',
  ),
  actDone: freeText(300, 'Ce qui a été fait').refine(
    (v) => v !== null,
    'Décrivez en quelques mots ce qui a été fait à la place de la personne.',
  ),
});
export type ActInput = z.infer<typeof actSchema>;

/** Le domaine proposé pour un acte : celui de la thématique de la sollicitation (« associations » n'en a pas). */
export const defaultArea = (theme: string | null) => (theme && theme in AREA_OF_THEME ? AREA_OF_THEME[theme as Theme] : null);

/** Le mandat d'un jour établi sur-le-champ depuis la sollicitation (champs préfixés : le formulaire a déjà un « consent »). */
export const onTheSpotSchema = z.object({
  mandatConsent: consentFields.consent,
  mandatProtection: consentFields.protection,
  mandatSignataire: screenSignatureSchema.shape.signerName,
  mandatSigne: screenSignatureSchema.shape.signed,
});
