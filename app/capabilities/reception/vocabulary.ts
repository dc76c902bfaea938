// Vocabulaires de l'accueil (docs/glossaire.md). Les valeurs nationales (Coop de la médiation numérique) restent
// telles quelles ; les libellés sont ceux que les agents lisent à l'écran. Les vocabulaires de la Coop partagés avec
// les autres capacités sont dans app/vocabulary/coop.ts.
import type { Theme } from '../../vocabulary/coop';

export const CHANNELS = {
  sur_place: { label: 'Sur place', coopTypeLieu: 'lieu_activite' },
  telephone: { label: 'Téléphone', coopTypeLieu: 'a_distance' },
  domicile: { label: 'À domicile', coopTypeLieu: 'domicile' },
  a_distance: { label: 'À distance (visio, e-mail)', coopTypeLieu: 'a_distance' },
} as const;
export type Channel = keyof typeof CHANNELS;

/** Les trois niveaux de besoin du kit d'intervention rapide. */
export const LEVELS = {
  urgence: 'Urgence numérique',
  inclusion: 'Inclusion numérique',
  montee_en_competences: 'Montée en compétences',
} as const;
export type Level = keyof typeof LEVELS;

/** Les trois configurations de la CNIL : faire avec plutôt que faire à la place. */
export const MODES = {
  forme: "J'ai formé",
  accompagne: "J'ai accompagné",
  fait_a_la_place: "J'ai fait à la place",
} as const;
export type Mode = keyof typeof MODES;

/** Les mêmes modes dans les vues partagées (historique, listes, graphiques, exports) : sans « je ». */
export const MODE_LABELS: Record<Mode, string> = {
  forme: 'Formé',
  accompagne: 'Accompagné',
  fait_a_la_place: 'Fait à la place',
};

export const OUTCOMES = {
  fait: 'Fait',
  a_terminer_seul: 'À terminer seul',
  doit_revenir: 'Doit revenir',
  bloque: 'Bloqué',
  oriente: 'Orienté',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** Causes d'un blocage : du côté de l'institution ou de la personne. */
export const BLOCKED_CAUSES = {
  institution_regles_complexes: { side: 'institution', label: 'Règles trop complexes' },
  institution_site_en_panne: { side: 'institution', label: 'Site en panne ou bloquant' },
  institution_cas_non_prevu: { side: 'institution', label: 'Situation non prévue par le formulaire en ligne' },
  institution_pas_de_contact: { side: 'institution', label: 'Aucun contact humain possible' },
  personne_pieces_manquantes: { side: 'personne', label: 'Pièces justificatives manquantes' },
  personne_identifiants_perdus: { side: 'personne', label: 'Identifiants perdus ou inaccessibles' },
  personne_pas_d_equipement: { side: 'personne', label: "Pas d'équipement ou de connexion" },
  personne_pas_d_adresse_mail: { side: 'personne', label: "Pas d'adresse e-mail ou de téléphone" },
  personne_difficulte_langue: { side: 'personne', label: 'Difficulté avec la langue ou la lecture' },
  personne_refus: { side: 'personne', label: 'Peur ou refus du numérique' },
} as const;
export type BlockedCause = keyof typeof BLOCKED_CAUSES;

/** Organismes (liste de docs/glossaire.md) et la thématique Coop qu'ils suggèrent. */
export const ORGANISATIONS = {
  caf: { label: 'CAF', theme: 'social_sante' },
  cpam: { label: 'CPAM / ameli', theme: 'social_sante' },
  france_travail: { label: 'France Travail', theme: 'travail_formation' },
  assurance_retraite: { label: 'Assurance retraite (CNAV / CARSAT)', theme: 'social_sante' },
  agirc_arrco: { label: 'Agirc-Arrco', theme: 'social_sante' },
  msa: { label: 'MSA', theme: 'social_sante' },
  dgfip: { label: 'DGFiP / impots.gouv', theme: 'argent_impots' },
  ants: { label: 'ANTS', theme: 'papiers_elections_citoyennete' },
  prefecture: { label: 'Préfecture / ANEF', theme: 'etrangers_europe' },
  mdph: { label: 'MDPH', theme: 'social_sante' },
  departement: { label: 'Département (RSA, APA)', theme: 'social_sante' },
  bailleur_social: { label: 'Bailleur social / demande de logement social', theme: 'logement' },
  energie: { label: "Fournisseur d'énergie / chèque énergie", theme: 'logement' },
  la_poste: { label: 'La Poste', theme: 'argent_impots' },
  banque: { label: 'Banque', theme: 'argent_impots' },
  mutuelle: { label: 'Mutuelle', theme: 'social_sante' },
  education_nationale: { label: 'Éducation nationale (ENT, bourses)', theme: 'famille_scolarite' },
  mairie: { label: 'Mairie', theme: 'papiers_elections_citoyennete' },
  autre: { label: 'Autre', theme: null },
} as const satisfies Record<string, { label: string; theme: Theme | null }>;
export type Organisation = keyof typeof ORGANISATIONS;

export const GENDERS = { femme: 'Femme', homme: 'Homme', non_communique: 'Non communiqué' } as const;
export type Gender = keyof typeof GENDERS;

export const DURATION_PRESETS = [5, 10, 15, 20, 30, 45, 60, 90] as const;

export const ACCOUNT_KINDS = {
  franceconnect: 'FranceConnect',
  ameli: 'ameli',
  caf: 'CAF',
  impots: 'impots.gouv',
  france_travail: 'France Travail',
} as const;
export type AccountKind = keyof typeof ACCOUNT_KINDS;
export const TRISTATE = { oui: 'Oui', non: 'Non', inconnu: 'Ne sait pas' } as const;
export type Tristate = keyof typeof TRISTATE;

export const PREFERRED_CONTACTS = {
  telephone: 'Téléphone',
  sms: 'SMS',
  email: 'E-mail',
  courrier: 'Courrier',
  sur_place: 'À sa prochaine venue',
} as const;
