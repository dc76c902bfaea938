// Vocabulaires des mandats : les domaines d'Aidants Connect (valeurs nationales telles quelles), les durées,
// les points d'information lus avec la personne et les mesures de protection qui interdisent le mandat.
import type { Theme } from '../../vocabulary/coop';

/** Les 10 domaines de démarches d'Aidants Connect, avec ce qu'ils recouvrent (lu à la personne). */
export const AREAS = {
  papiers: { label: 'Papiers - Citoyenneté', detail: "État civil, passeport, carte d'identité, élections" },
  famille: { label: 'Famille', detail: 'Allocations familiales, naissance, mariage, Pacs, scolarité' },
  social: { label: 'Social - Santé', detail: 'Allocations, assurance maladie, handicap, retraite' },
  travail: { label: 'Travail', detail: 'Chômage, emploi, formation' },
  logement: { label: 'Logement', detail: 'Aides au logement, logement social, énergie' },
  transports: { label: 'Transports', detail: 'Carte grise, permis de conduire, transports en commun' },
  argent: { label: 'Argent', detail: 'Impôts, banque, assurance, surendettement' },
  justice: { label: 'Justice', detail: 'Casier judiciaire, plainte, aide juridictionnelle' },
  etranger: { label: 'Étranger', detail: 'Titre de séjour, naturalisation' },
  loisirs: { label: 'Loisirs', detail: 'Sport, culture, associations, vacances' },
} as const;
export type Area = keyof typeof AREAS;

/** Le domaine d'un acte se déduit de la thématique Coop de la sollicitation (l'agent peut le corriger). */
export const AREA_OF_THEME: Record<Theme, Area | null> = {
  papiers_elections_citoyennete: 'papiers',
  famille_scolarite: 'famille',
  social_sante: 'social',
  travail_formation: 'travail',
  logement: 'logement',
  transports_mobilite: 'transports',
  argent_impots: 'argent',
  justice: 'justice',
  etrangers_europe: 'etranger',
  loisirs_sports_culture: 'loisirs',
  associations: null,
};

export const DURATIONS = {
  un_jour: { label: '1 jour', days: 1, months: 0 },
  un_mois: { label: '1 mois', days: 0, months: 1 },
  six_mois: { label: '6 mois', days: 0, months: 6 },
  un_an: { label: '1 an', days: 0, months: 12 },
} as const;
export type Duration = keyof typeof DURATIONS;

/** Ce que le médiateur lit avec la personne ; chaque point est confirmé un par un. */
export const CONSENT_ITEMS = {
  objet: "L'objet du mandat : j'autorise ce médiateur à faire à ma place les démarches des domaines choisis, et seulement celles-là.",
  donnees: 'Les données utilisées : seulement celles nécessaires à ces démarches ; mes mots de passe ne sont jamais notés ni conservés.',
  droits: 'Mes droits : je peux consulter, corriger ou faire effacer mes données, et savoir ce qui a été fait en mon nom.',
  revocable: 'Je peux mettre fin à ce mandat à tout moment, sans avoir à me justifier.',
} as const;
export type ConsentItem = keyof typeof CONSENT_ITEMS;

/** Les mesures de protection juridique : si l'une s'applique, c'est la personne désignée par le juge qui agit. */
export const PROTECTION_MEASURES = 'tutelle, curatelle, sauvegarde de justice ou habilitation familiale';

export const SIGNATURE_METHODS = {
  ecran_trace: 'Signée sur l’écran (tracé)',
  ecran_nom: 'Signée sur l’écran (nom écrit et case cochée)',
  papier: 'Signée sur papier',
} as const;
export type SignatureMethod = keyof typeof SIGNATURE_METHODS;

export const STATUSES = {
  a_signer: 'À signer',
  actif: 'Actif',
  expire: 'Expiré',
  revoque: 'Révoqué',
} as const;
export type MandateStatus = keyof typeof STATUSES;

/** Les vues de la liste des mandats de la structure. */
export const MANDATE_VIEWS = {
  actifs: 'Actifs',
  bientot: 'Expirent dans 30 jours',
  a_signer: 'À signer',
  termines: 'Révoqués ou expirés',
} as const;
export type MandateListView = keyof typeof MANDATE_VIEWS;
