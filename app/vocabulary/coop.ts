// Les vocabulaires nationaux de la Coop de la médiation numérique (rapports d'activité), valeurs verbatim : un module
// neutre, partagé par l'accueil, le diagnostic, le pilotage et l'annuaire sans qu'aucun ne dépende d'un autre pour
// eux. Les libellés sont ceux que lisent les agents.

export const EQUIPMENT = {
  ordinateur: 'Ordinateur',
  telephone: 'Téléphone',
  tablette: 'Tablette',
  autre: 'Autre',
  aucun: 'Aucun',
} as const;
export type Equipment = keyof typeof EQUIPMENT;

export const AUTONOMY = {
  entierement_accompagne: 'Entièrement accompagné (avec guidage)',
  partiellement_autonome: 'Partiellement autonome (guidage en cas de besoin)',
  autonome: 'Autonome',
} as const;
export type Autonomy = keyof typeof AUTONOMY;

export const THEMES = {
  papiers_elections_citoyennete: 'Papiers, élections, citoyenneté',
  famille_scolarite: 'Famille, scolarité',
  social_sante: 'Social, santé',
  travail_formation: 'Travail, formation',
  logement: 'Logement',
  transports_mobilite: 'Transports, mobilité',
  argent_impots: 'Argent, impôts',
  justice: 'Justice',
  etrangers_europe: 'Étrangers, Europe',
  loisirs_sports_culture: 'Loisirs, sports, culture',
  associations: 'Associations',
} as const;
export type Theme = keyof typeof THEMES;

/**
 * Les thématiques numériques de la Coop (« compétences travaillées ») : ce que la personne a appris quand l'aide l'a
 * formée. Valeurs de l'énumération `thematique` de la Coop (schéma de juin 2025), libellés de son formulaire.
 */
export const DIGITAL_SKILLS = {
  diagnostic_numerique: 'Diagnostic numérique',
  prendre_en_main_du_materiel: 'Prendre en main du matériel',
  maintenance_de_materiel: 'Maintenance de matériel',
  gere_ses_contenus_numeriques: 'Gérer ses contenus numériques',
  navigation_sur_internet: 'Navigation sur internet',
  email: 'E-mail',
  bureautique: 'Bureautique',
  reseaux_sociaux: 'Réseaux sociaux, communication',
  sante: 'Santé',
  banque_et_achats_en_ligne: 'Banque et achats en ligne',
  entrepreneuriat: 'Accompagner un professionnel',
  insertion_professionnelle: 'Insertion professionnelle',
  securite_numerique: 'Prévention en sécurité numérique',
  parentalite: 'Parentalité',
  scolarite_et_numerique: 'Scolarité et numérique',
  creer_avec_le_numerique: 'Créer avec le numérique',
  culture_numerique: 'Culture numérique',
  intelligence_artificielle: 'Intelligence artificielle (IA)',
} as const;
export type DigitalSkill = keyof typeof DIGITAL_SKILLS;

/** Catégories de réorientation de la Coop. */
export const REDIRECTIONS = {
  administration: 'Administration',
  mediation_numerique: 'Médiation numérique',
  operateur_ou_organisme_en_charge: 'Opérateur ou organisme en charge',
  aide_sociale: 'Aide sociale',
  insertion_professionnelle: 'Insertion professionnelle',
  aide_aux_demarches_administratives: 'Aide aux démarches administratives',
  autre: 'Autre',
} as const;
export type Redirection = keyof typeof REDIRECTIONS;

export const AGE_BANDS = {
  moins_de_douze: 'Moins de 12 ans',
  // La tranche « douze_dix_huit » de la Coop s'arrête à 17 ans (moins de 18 ans).
  douze_dix_huit: '12 à 17 ans',
  dix_huit_vingt_quatre: '18 à 24 ans',
  vingt_cinq_trente_neuf: '25 à 39 ans',
  quarante_cinquante_neuf: '40 à 59 ans',
  soixante_soixante_neuf: '60 à 69 ans',
  soixante_dix_plus: '70 ans et plus',
  non_communique: 'Non communiqué',
} as const;
export type AgeBand = keyof typeof AGE_BANDS;
