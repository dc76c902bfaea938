// Règles de l'accueil : le formulaire d'une sollicitation et d'une personne, validés avec des messages
// en français à côté de chaque champ. Fonctions pures, testées dans rules.test.ts.
import { z } from 'zod';
import { checkboxes, choice, freeText, optional, optionalChoice } from '../../platform/fields';
import {
  BLOCKED_CAUSES,
  CHANNELS,
  GENDERS,
  LEVELS,
  MODES,
  OUTCOMES,
  ACCOUNT_KINDS,
  PREFERRED_CONTACTS,
  type AccountKind,
} from './vocabulary';
import { AGE_BANDS, AUTONOMY, DIGITAL_SKILLS, EQUIPMENT, REDIRECTIONS, THEMES } from '../../vocabulary/coop';
import { NATIONAL_CATALOG, type OrganisationCatalog } from './organisations';
import { localDateTime } from '../../platform/time';

/** Une recherche de personne commence à 3 lettres (ou chiffres). */
export const MIN_SEARCH_LENGTH = 3;

/** Borne haute d'une durée : au-delà de 8 heures, c'est une erreur de saisie. */
export const MAX_DURATION = 480;

/** Un code d'organisme du catalogue de la structure (liste nationale et ajouts encore actifs). */
const organisationChoice = (catalog: OrganisationCatalog, message: string) =>
  z.string({ error: message }).refine((code) => catalog[code]?.active === true, message);
const optionalOrganisation = (catalog: OrganisationCatalog, message: string) => optional(organisationChoice(catalog, message));

/**
 * `sites` : les lieux d'accueil ouverts de la structure. Sans lieu, rien à choisir ; avec un seul, il est pris
 * d'office ; avec plusieurs, le formulaire propose le dernier de l'agent et le choix est obligatoire.
 */
export function solicitationSchema(now: Date, catalog: OrganisationCatalog = NATIONAL_CATALOG, sites: readonly string[] = []) {
  return z
    .object({
      site: optional(z.string().refine((id) => sites.includes(id), "Choisissez un lieu d'accueil de la liste.")),
      occurredAt: z
        .string({ error: 'Indiquez la date et l’heure.' })
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Indiquez la date et l’heure, par exemple 26/11/2026 14:30.')
        .transform((v) => localDateTime(v))
        .refine((d) => !Number.isNaN(d.getTime()), 'Cette date n’existe pas.')
        .refine((d) => d.getTime() <= now.getTime() + 5 * 60_000, 'La date ne peut pas être dans le futur.')
        .refine((d) => d.getFullYear() >= 2000, 'Cette date est trop ancienne.'),
      organisation: organisationChoice(catalog, 'Choisissez l’organisme concerné.'),
      organisation2: optionalOrganisation(catalog, 'Choisissez un organisme de la liste.'),
      procedure: freeText(200, 'La démarche'),
      theme: optionalChoice(THEMES, 'Choisissez une thématique de la liste.'),
      channel: choice(CHANNELS, 'Choisissez le canal.'),
      level: choice(LEVELS, 'Choisissez le niveau de besoin.'),
      mode: choice(MODES, "Choisissez le mode d'aide."),
      equipment: checkboxes(choice(EQUIPMENT, 'Choisissez un matériel de la liste.')),
      autonomy: optionalChoice(AUTONOMY, "Choisissez un niveau d'autonomie de la liste."),
      skills: checkboxes(choice(DIGITAL_SKILLS, 'Choisissez une compétence de la liste.')),
      durationMinutes: z.coerce
        .number({ error: 'Indiquez la durée en minutes.' })
        .int('Indiquez un nombre entier de minutes.')
        .min(1, 'La durée doit être d’au moins 1 minute.')
        .max(MAX_DURATION, 'La durée ne peut pas dépasser 8 heures (480 minutes).'),
      outcome: choice(OUTCOMES, 'Choisissez le résultat.'),
      blockedCause: optionalChoice(BLOCKED_CAUSES, 'Choisissez une cause de la liste.'),
      redirection: optionalChoice(REDIRECTIONS, 'Choisissez une orientation de la liste.'),
      nextStep: freeText(300, 'La prochaine étape'),
      nextStepDate: optional(z.iso.date({ error: 'Indiquez une date valide.' })),
      notes: freeText(2000, 'La note'),
    })
    .superRefine((value, ctx) => {
      if (value.outcome === 'bloque' && !value.blockedCause)
        ctx.addIssue({ code: 'custom', path: ['blockedCause'], message: 'Indiquez la cause du blocage.' });
      if (value.outcome === 'oriente' && !value.redirection)
        ctx.addIssue({ code: 'custom', path: ['redirection'], message: 'Indiquez vers qui la personne est orientée.' });
      if (value.organisation2 === value.organisation)
        ctx.addIssue({ code: 'custom', path: ['organisation2'], message: 'Le second organisme doit être différent du premier.' });
      if (!value.site && sites.length > 1)
        ctx.addIssue({ code: 'custom', path: ['site'], message: "Choisissez le lieu d'accueil où la personne est reçue." });
    })
    .transform(({ organisation, organisation2, theme, site, skills, ...rest }) => ({
      ...rest,
      // Les compétences travaillées ne valent que si l'aide a formé la personne (le champ n'est montré qu'alors).
      skills: rest.mode === 'forme' ? skills : [],
      siteId: site ?? (sites.length === 1 ? sites[0]! : null),
      organisations: [organisation, ...(organisation2 ? [organisation2] : [])],
      // La thématique Coop se déduit de l'organisme ; l'agent peut la corriger.
      theme: theme ?? catalog[organisation]?.theme ?? null,
    }));
}
export type SolicitationInput = z.infer<ReturnType<typeof solicitationSchema>>;

export const anonymousSchema = z.object({
  anonymousGender: optionalChoice(GENDERS, 'Choisissez un genre de la liste.'),
  anonymousAgeBand: optionalChoice(AGE_BANDS, "Choisissez une tranche d'âge de la liste."),
  anonymousCommune: freeText(100, 'La commune'),
});

const personFields = (now: Date) => ({
  firstName: z
    .string({ error: 'Indiquez au moins le prénom.' })
    .trim()
    .min(1, 'Indiquez au moins le prénom.')
    .max(80, 'Le prénom ne doit pas dépasser 80 caractères.'),
  lastName: freeText(80, 'Le nom'),
  birthYear: optional(
    z.coerce
      .number({ error: "Indiquez l'année sur 4 chiffres." })
      .int("Indiquez l'année sur 4 chiffres.")
      .min(1900, "L'année de naissance doit être après 1900.")
      .max(now.getFullYear(), "L'année de naissance ne peut pas être dans le futur."),
  ),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s.-]/g, ''))
    .refine((v) => v === '' || /^(?:\+33|0)[1-9]\d{8}$/.test(v), 'Indiquez un numéro à 10 chiffres, par exemple 06 12 34 56 78.')
    .optional()
    .transform((v) => (v ? formatPhone(v) : null)),
});

export function newPersonSchema(now: Date) {
  return z.object({
    ...personFields(now),
    consent: z.literal('oui', { error: 'Demandez à la personne si elle accepte que sa fiche soit conservée.' }),
  });
}
export type NewPersonInput = z.infer<ReturnType<typeof newPersonSchema>>;

const tristate = z.enum(['oui', 'non', 'inconnu']).catch('inconnu');

/** La fiche complète : coordonnées facultatives, comptes détenus (jamais leurs identifiants), commune. */
export function personSchema(now: Date) {
  return z.object({
    ...personFields(now),
    email: z
      .string()
      .trim()
      .max(254, "L'adresse e-mail est trop longue.")
      .refine((v) => v === '' || z.email().safeParse(v).success, 'Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.')
      .optional()
      .transform((v) => (v ? v.toLowerCase() : null)),
    preferredContact: optionalChoice(PREFERRED_CONTACTS, 'Choisissez un moyen de contact de la liste.'),
    languages: freeText(200, 'Les langues').transform((v) =>
      (v ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 8),
    ),
    hasEmail: tristate,
    ...(Object.fromEntries(Object.keys(ACCOUNT_KINDS).map((kind) => [`compte_${kind}`, tristate])) as Record<
      `compte_${AccountKind}`,
      typeof tristate
    >),
    postalCode: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d{5}$/.test(v), 'Le code postal comporte 5 chiffres, par exemple 59000.')
      .optional()
      .transform((v) => v || null),
    commune: freeText(100, 'La commune'),
  });
}
export type PersonInput = z.infer<ReturnType<typeof personSchema>>;

/** 0612345678 ou +33612345678 → « 06 12 34 56 78 ». */
export function formatPhone(digits: string) {
  const national = digits.startsWith('+33') ? `0${digits.slice(3)}` : digits;
  return national.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** Tranche d'âge Coop déduite de l'année de naissance. */
export function ageBand(birthYear: number | null, now: Date): keyof typeof AGE_BANDS {
  if (birthYear === null) return 'non_communique';
  const age = now.getFullYear() - birthYear;
  if (age < 12) return 'moins_de_douze';
  if (age < 18) return 'douze_dix_huit';
  if (age < 25) return 'dix_huit_vingt_quatre';
  if (age < 40) return 'vingt_cinq_trente_neuf';
  if (age < 60) return 'quarante_cinquante_neuf';
  if (age < 70) return 'soixante_soixante_neuf';
  return 'soixante_dix_plus';
}

/**
 * Ce qui distingue deux homonymes dans une liste de personnes : la commune et les deux derniers chiffres du téléphone
 * (jamais le numéro entier).
 */
export function distinguishing(person: { communeName: string | null; phone: string | null }) {
  const digits = person.phone?.replace(/\D/g, '') ?? '';
  return [person.communeName, digits.length >= 4 ? `tél. …${digits.slice(-2)}` : null].filter(Boolean).join(' · ');
}

/** Sur l'écran d'accueil, tourné vers le public : le prénom et l'initiale du nom, jamais le nom entier ni le motif. */
export function publicName(displayName: string) {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return words[0] ?? '';
  return `${words[0]} ${words.at(-1)!.charAt(0).toLocaleUpperCase('fr-FR')}.`;
}

/**
 * Une personne prise en charge reste « en cours » chez qui l'a prise jusqu'à ce que sa sollicitation soit enregistrée
 * ou qu'elle parte ; sans cela, elle revient d'elle-même dans la file après ce délai (même journée), à sa place.
 */
export const TAKEN_RETURNS_AFTER_MINUTES = 45;

export const arrivalSchema = (catalog: OrganisationCatalog = NATIONAL_CATALOG) =>
  z.object({
    displayName: z
      .string({ error: 'Indiquez le prénom de la personne (ou son nom).' })
      .trim()
      .min(1, 'Indiquez le prénom de la personne (ou son nom).')
      .max(80, 'Le nom ne doit pas dépasser 80 caractères.'),
    reason: freeText(200, 'Le motif'),
    organisation: optionalOrganisation(catalog, "Choisissez l'organisme dans la liste."),
    urgent: z
      .literal('oui')
      .optional()
      .transform((v) => v === 'oui'),
    personId: optional(z.uuid({ error: 'Personne inconnue.' })),
  });
export type ArrivalInput = z.infer<ReturnType<typeof arrivalSchema>>;

/** Filtres des listes, lus dans l'adresse : une valeur inconnue est ignorée (signalée à l'écran), jamais une erreur. */
export const listFiltersSchema = (catalog: OrganisationCatalog = NATIONAL_CATALOG) =>
  z.object({
    vue: z.enum(['jour', 'toutes', 'a-revoir', 'bloques']).catch('jour'),
    du: z.iso.date().optional().catch(undefined),
    au: z.iso.date().optional().catch(undefined),
    // Un organisme retiré reste un filtre valable : son historique existe.
    organisme: z
      .string()
      .refine((code) => code in catalog)
      .optional()
      .catch(undefined),
    niveau: choice(LEVELS, '').optional().catch(undefined),
    mode: choice(MODES, '').optional().catch(undefined),
    resultat: choice(OUTCOMES, '').optional().catch(undefined),
    mediateur: z.uuid().optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  });
export type ListFilters = Omit<z.infer<ReturnType<typeof listFiltersSchema>>, 'vue'>;

/** Les paramètres fournis mais écartés (valeur inconnue, date invalide) : pour le dire à l'agent. */
export function ignoredFilters(params: Record<string, string>, parsed: Record<string, unknown>) {
  return Object.keys(params)
    .filter((key) => key !== 'vue' && params[key] !== '' && key in listFiltersSchema().shape && parsed[key] === undefined)
    .sort();
}

export const privateNoteSchema = z.object({
  body: freeText(2000, 'La note').refine((v) => v !== null, 'Écrivez la note avant de l’enregistrer.'),
});
