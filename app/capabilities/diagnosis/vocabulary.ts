// La grille du diagnostic (C2 : « diagnostiquer l'origine des difficultés »). Chaque question a deux
// libellés : celui que lit le médiateur, et une version « facile à lire et à comprendre » (FALC) que la personne
// pourra lire seule plus tard sur le portail. Les gestes de base suivent les compétences numériques de base
// (ABC Diag, CRCN niveaux 1 et 2).
import { ACCOUNT_KINDS, BLOCKED_CAUSES } from '../reception/vocabulary';

export interface Question<V extends string = string> {
  label: string;
  falc: string;
  options: Record<V, string>;
}

const question = <V extends string>(label: string, falc: string, options: Record<V, string>): Question<V> => ({ label, falc, options });

export const EQUIPMENT = question('Équipement personnel', 'Quels appareils avez-vous chez vous ?', {
  ordinateur: 'Ordinateur',
  smartphone: 'Smartphone',
  tablette: 'Tablette',
  aucun: 'Aucun appareil',
});
export type Device = keyof typeof EQUIPMENT.options;

export const CONNECTION = question('Connexion à internet', 'Comment allez-vous sur internet ?', {
  box: 'Box internet à la maison',
  donnees_mobiles: 'Données mobiles (forfait du téléphone)',
  lieux_publics: 'Seulement dans des lieux publics (médiathèque, wifi gratuit…)',
  aucune: 'Aucune connexion',
});
export type Connection = keyof typeof CONNECTION.options;

export const EMAIL = question('Messagerie électronique', 'Avez-vous une adresse e-mail ? Savez-vous lire vos e-mails ?', {
  seul: 'A une adresse et l’ouvre seul(e)',
  avec_aide: 'A une adresse et l’ouvre avec de l’aide',
  ne_sait_pas_ouvrir: 'A une adresse mais ne sait pas l’ouvrir',
  pas_d_adresse: 'N’a pas d’adresse e-mail',
});
export type EmailUse = keyof typeof EMAIL.options;

/** Les comptes en ligne de la fiche, plus l'ANTS : ce que la personne en fait, jamais ses identifiants. */
export const ACCOUNTS = { ...ACCOUNT_KINDS, ants: 'ANTS' } as const;
export type Account = keyof typeof ACCOUNTS;

export const ACCOUNT_USE = question('Compte', 'Avez-vous un compte ? Arrivez-vous à vous connecter ?', {
  seul: 'A un compte, se connecte seul(e)',
  avec_aide: 'A un compte, se connecte avec de l’aide',
  acces_perdu: 'A un compte, accès perdu',
  aucun: 'N’a pas de compte',
  non_concerne: 'Pas concerné(e)',
});
export type AccountUse = keyof typeof ACCOUNT_USE.options;

/** Les dix gestes de base, chacun « seul / avec aide / pas encore ». */
export const SKILLS = {
  appareil: { label: 'Allumer, déverrouiller et utiliser son appareil', falc: 'Allumer votre téléphone ou votre ordinateur et l’utiliser' },
  saisie: {
    label: 'Taper un texte, utiliser l’écran tactile ou la souris',
    falc: 'Écrire avec le clavier, toucher l’écran ou utiliser la souris',
  },
  navigation: { label: 'Aller sur un site internet et s’y repérer', falc: 'Aller sur un site internet et trouver une information' },
  formulaire: { label: 'Remplir un formulaire en ligne', falc: 'Remplir un formulaire sur internet' },
  mots_de_passe: { label: 'Garder ses mots de passe en sécurité', falc: 'Garder vos mots de passe secrets et à l’abri' },
  documents: { label: 'Scanner ou photographier un document et le joindre', falc: 'Prendre en photo un papier et l’envoyer sur un site' },
  pdf: { label: 'Télécharger un PDF et le retrouver', falc: 'Enregistrer un document et le retrouver ensuite' },
  arnaques: { label: 'Reconnaître un message d’arnaque', falc: 'Reconnaître un faux message qui veut vous voler' },
  visio: { label: 'Faire un appel vidéo', falc: 'Appeler quelqu’un en vidéo' },
  application: { label: 'Installer une application', falc: 'Installer une application sur votre téléphone' },
} as const;
export type Skill = keyof typeof SKILLS;

export const SKILL_LEVELS = { seul: 'Seul(e)', avec_aide: 'Avec de l’aide', pas_encore: 'Pas encore' } as const;
export type SkillLevel = keyof typeof SKILL_LEVELS;

export const READING = question('Lecture du français', 'Lire un texte en français, c’est :', {
  facile: 'Facile',
  difficile: 'Difficile',
  non: 'Je ne lis pas le français',
});
export const WRITING = question('Écriture du français', 'Écrire en français, c’est :', {
  facile: 'Facile',
  difficile: 'Difficile',
  non: 'Je n’écris pas le français',
});
export type Literacy = keyof typeof READING.options;

export const FRENCH = question('Français parlé au quotidien', 'Parlez-vous français tous les jours ?', {
  oui: 'Oui',
  un_peu: 'Un peu',
  non: 'Non',
});
export type French = keyof typeof FRENCH.options;

export const APPREHENSION = question('Peur ou refus du numérique', 'Le numérique vous fait-il peur ?', {
  aucune: 'Pas du tout',
  un_peu: 'Un peu',
  forte: 'Beaucoup',
  refus: 'Je ne veux pas m’en servir',
});
export type Apprehension = keyof typeof APPREHENSION.options;

/** Les causes du côté de l'institution : celles d'un blocage à l'accueil, du même vocabulaire. */
type InstitutionSide = {
  [K in keyof typeof BLOCKED_CAUSES as (typeof BLOCKED_CAUSES)[K]['side'] extends 'institution' ? K : never]: string;
};
export const INSTITUTION_CAUSES = Object.fromEntries(
  Object.entries(BLOCKED_CAUSES)
    .filter(([, cause]) => cause.side === 'institution')
    .map(([key, cause]) => [key, cause.label]),
) as InstitutionSide;
export type InstitutionCause = keyof typeof INSTITUTION_CAUSES;

/** Les blocs notés sur 100, dans l'ordre de la grille. */
export const BLOCKS = {
  equipement: 'Équipement et connexion',
  messagerie: 'Messagerie',
  comptes: 'Comptes en ligne',
  gestes: 'Gestes de base',
  langue: 'Lecture, écriture, langue',
  confiance: 'Confiance',
} as const;
export type Block = keyof typeof BLOCKS;

/** Ce qui bloque la personne (ou l'institution), tiré des réponses. */
export const FREINS = {
  sans_appareil: 'Pas d’appareil personnel',
  sans_connexion: 'Pas de connexion à internet',
  connexion_publique: 'Connexion seulement dans les lieux publics',
  sans_messagerie: 'Messagerie absente ou inutilisable seul(e)',
  acces_perdus: 'Accès perdu à des comptes en ligne',
  comptes_a_creer: 'Comptes en ligne à créer',
  gestes_de_base: 'Gestes de base à acquérir',
  documents: 'Joindre et retrouver des documents',
  securite: 'Sécurité : mots de passe et arnaques',
  lecture_ecriture: 'Difficultés de lecture ou d’écriture',
  langue: 'Langue française',
  apprehension: 'Peur ou refus du numérique',
  ...INSTITUTION_CAUSES,
} as const;
export type Frein = keyof typeof FREINS;

/** Étapes d'un plan : accompagnement, atelier collectif, lieu de formation, pair-aidant. */
export const STEP_KINDS = {
  accompagnement_individuel: 'Accompagnement individuel',
  atelier_collectif: 'Atelier collectif',
  lieu_formation: 'Lieu de formation',
  pair_aidant: 'Pair-aidant',
} as const;
export type StepKind = keyof typeof STEP_KINDS;

export const STEP_STATUSES = { a_faire: 'À faire', en_cours: 'En cours', faite: 'Faite', abandonnee: 'Abandonnée' } as const;
export type StepStatus = keyof typeof STEP_STATUSES;

/** Ce qu'un pair-aidant peut transmettre : les gestes de base et la messagerie. */
export const HELPER_SKILLS = {
  ...Object.fromEntries(Object.entries(SKILLS).map(([key, skill]) => [key, skill.label])),
  messagerie: 'Utiliser sa messagerie',
} as Record<Skill | 'messagerie', string>;
export type HelperSkill = Skill | 'messagerie';
