// Une sollicitation dans le modèle d'activité de la Coop de la médiation numérique, tel qu'il est depuis juin 2025
// (décision 020) : une ligne par activité, anonyme (ni nom, ni identifiant de personne). Deux formes : les valeurs
// de son API (snake_case, CSV) et les en-têtes et libellés de son propre export XLSX, pour rapprocher les deux.
import { CHANNELS } from '../reception/vocabulary';
import { DIGITAL_SKILLS } from '../../vocabulary/coop';
import { localDay } from '../../platform/time';

export interface ExportRow {
  occurredAt: Date;
  /** Le lieu d'accueil de la structure (un lieu de son annuaire), s'il est connu. */
  site: Place | null;
  organisations: string[];
  procedure: string | null;
  theme: string | null;
  channel: string;
  level: string;
  mode: string;
  equipment: string[];
  autonomy: string | null;
  skills: string[];
  durationMinutes: number;
  outcome: string;
  blockedCause: string | null;
  redirection: string | null;
  ageBand: string;
  commune: string | null;
  communePostalCode: string | null;
  communeInsee: string | null;
  gender: string | null;
}

/** Un lieu : nom, adresse, et sa commune avec son code INSEE quand il se retrouve. */
export interface Place {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  insee: string | null;
}

export const COOP_COLUMNS = [
  'date',
  'type',
  'type_lieu',
  'lieu_nom',
  'lieu_adresse',
  'lieu_code_postal',
  'lieu_commune',
  'lieu_code_insee',
  'duree',
  'materiel',
  'thematiques',
  'precisions_demarche',
  'autonomie',
  'oriente_vers_structure',
  'structure_de_redirection',
  'beneficiaire_commune',
  'beneficiaire_code_postal',
  'beneficiaire_code_insee',
  'genre',
  'tranche_age',
  'statut_social',
  'titre_atelier',
  'niveau_atelier',
  'participants',
] as const;

/** Les en-têtes de l'export XLSX des activités de la Coop (sans les colonnes nominatives ni ses identifiants). */
export const COOP_XLSX_COLUMNS = [
  'Date',
  'Type',
  'Participants',
  'Canaux d’accompagnement',
  'Nom du lieu',
  'Adresse',
  'Commune',
  'Code postal',
  'Code Insee',
  'Durée (min)',
  'Nom de l’atelier',
  'Matériel numérique utilisé',
  'Thématique(s) d’accompagnement',
  'Tags',
  'Nom de la démarche administrative',
  'Niveau d’autonomie (ou de l’atelier)',
  'Bénéficiaire réorienté',
  'Structure de redirection',
  'Commune du bénéficiaire',
  'Code postal du bénéficiaire',
  'Code Insee du bénéficiaire',
  'Genre du bénéficiaire',
  'Tranche d’âge du bénéficiaire',
  'Statut du bénéficiaire',
] as const;

/** Toute aide de Relais est une aide aux démarches administratives : la Coop la dit par cette thématique. */
export const ADMINISTRATIVE_HELP = 'aide_aux_demarches_administratives';

/**
 * L'autonomie n'est jamais vide quand la personne a été formée ou accompagnée : observée si le médiateur l'a notée,
 * sinon déduite du mode (formée : elle a fait elle-même, guidée au besoin ; accompagnée : guidée de bout en bout).
 * Faite à sa place, la personne n'a rien fait : pas d'autonomie à dire.
 */
export function coopAutonomy(mode: string, observed: string | null): string | null {
  if (observed) return observed;
  if (mode === 'forme') return 'partiellement_autonome';
  if (mode === 'accompagne') return 'entierement_accompagne';
  return null;
}

/** Les thématiques Coop : les compétences travaillées, l'aide aux démarches, puis la thématique administrative. */
export const coopThemes = (row: Pick<ExportRow, 'skills' | 'theme'>) => [
  ...row.skills.filter((skill) => skill in DIGITAL_SKILLS),
  ADMINISTRATIVE_HELP,
  ...(row.theme ? [row.theme] : []),
];

/**
 * Où l'activité a eu lieu, comme la Coop le veut : le lieu d'accueil (sinon la structure) pour « lieu_activite » ;
 * la commune de la personne pour « domicile » ; la structure pour « a_distance » (la Coop y met la commune de la
 * structure employeuse).
 */
export function coopPlace(row: ExportRow, home: Place): { typeLieu: string; place: Place } {
  const typeLieu = CHANNELS[row.channel as keyof typeof CHANNELS]?.coopTypeLieu ?? 'autre';
  if (typeLieu === 'lieu_activite') return { typeLieu, place: row.site ?? home };
  if (typeLieu === 'domicile')
    return {
      typeLieu,
      place: { name: '', street: null, postalCode: row.communePostalCode, city: row.commune, insee: row.communeInsee },
    };
  return { typeLieu, place: home };
}

const GENRE: Record<string, string> = { femme: 'feminin', homme: 'masculin' };
const coopGender = (gender: string | null) => GENRE[gender ?? ''] ?? 'non_communique';

/** Une activité aux valeurs de l'API de la Coop. */
export function coopRow(row: ExportRow, home: Place): string[] {
  const { typeLieu, place } = coopPlace(row, home);
  const oriented = row.outcome === 'oriente';
  return [
    localDay(row.occurredAt),
    'individuel',
    typeLieu,
    place.name,
    place.street ?? '',
    place.postalCode ?? '',
    place.city ?? '',
    place.insee ?? '',
    String(row.durationMinutes),
    row.equipment.join(','),
    coopThemes(row).join(','),
    row.procedure ?? '',
    coopAutonomy(row.mode, row.autonomy) ?? '',
    String(oriented),
    oriented ? (row.redirection ?? '') : '',
    row.commune ?? '',
    row.communePostalCode ?? '',
    row.communeInsee ?? '',
    coopGender(row.gender),
    row.ageBand,
    'non_communique',
    '',
    '',
    '1',
  ];
}

/** Les libellés de l'export XLSX de la Coop (ses fichiers de champs, juin 2025). */
export const COOP_LABELS = {
  typeLieu: { lieu_activite: 'Lieu d’activité', autre: 'Autre lieu', domicile: 'À domicile', a_distance: 'À distance' },
  materiel: { ordinateur: 'Ordinateur', telephone: 'Téléphone', tablette: 'Tablette', autre: 'Autre', aucun: 'Pas de matériel' },
  thematiques: {
    ...DIGITAL_SKILLS,
    reseaux_sociaux: 'Réseaux sociaux communication',
    aide_aux_demarches_administratives: 'Aide aux démarches administratives',
    papiers_elections_citoyennete: 'Papiers - Élections - Citoyenneté',
    famille_scolarite: 'Famille - Scolarité',
    social_sante: 'Social - Santé',
    travail_formation: 'Travail - Formation - Entreprise',
    logement: 'Logement',
    transports_mobilite: 'Transports - Mobilité',
    argent_impots: 'Argent - Impôts',
    justice: 'Justice',
    etrangers_europe: 'Étrangers - Europe',
    loisirs_sports_culture: 'Loisirs - Sports - Culture',
    associations: 'Associations',
  },
  autonomieEtoiles: { entierement_accompagne: 1, partiellement_autonome: 2, autonome: 3 },
  redirection: {
    administration: 'Administration (mairie, préfecture…)',
    mediation_numerique: 'Autre structure de médiation numérique',
    operateur_ou_organisme_en_charge: 'Opérateur ou organisme en charge de la démarche administrative',
    aide_sociale: 'Structure d’aide sociale (maison des solidarités, centre social…)',
    insertion_professionnelle: 'Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)',
    aide_aux_demarches_administratives: 'Structure d’aide aux démarches administratives (France Services…)',
    autre: 'Autre',
  },
  genre: { masculin: 'Masculin', feminin: 'Féminin', non_communique: 'Non communiqué' },
  trancheAge: {
    soixante_dix_plus: '70 ans et plus',
    soixante_soixante_neuf: '60 - 69 ans',
    quarante_cinquante_neuf: '40 - 59 ans',
    vingt_cinq_trente_neuf: '25 - 39 ans',
    dix_huit_vingt_quatre: '18 - 24 ans',
    douze_dix_huit: '12 - 17 ans',
    moins_de_douze: 'Moins de 12 ans',
    non_communique: 'Non communiqué',
  },
  statutSocial: { non_communique: 'Non communiqué ou hétérogène' },
} as const;

const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

/** Une activité telle que l'export XLSX de la Coop l'écrit (une date de tableur, des listes à la ligne). */
export function coopXlsxRow(row: ExportRow, home: Place): Array<string | number | Date> {
  const { typeLieu, place } = coopPlace(row, home);
  const autonomy = coopAutonomy(row.mode, row.autonomy);
  const stars = autonomy ? COOP_LABELS.autonomieEtoiles[autonomy as keyof typeof COOP_LABELS.autonomieEtoiles] : undefined;
  const oriented = row.outcome === 'oriente';
  return [
    new Date(`${localDay(row.occurredAt)}T00:00:00Z`),
    'Accompagnement individuel',
    1,
    label(COOP_LABELS.typeLieu, typeLieu),
    place.name,
    place.street ?? '',
    place.city ?? '',
    place.postalCode ?? '',
    place.insee ?? '',
    row.durationMinutes,
    '',
    row.equipment.map((code) => label(COOP_LABELS.materiel, code)).join('\n'),
    coopThemes(row)
      .map((code) => label(COOP_LABELS.thematiques, code))
      .join('\n'),
    '',
    row.procedure ?? '',
    stars ? `${stars}/3` : '',
    oriented ? 'Oui' : 'Non',
    oriented && row.redirection ? label(COOP_LABELS.redirection, row.redirection) : '',
    row.commune ?? '',
    row.communePostalCode ?? '',
    row.communeInsee ?? '',
    label(COOP_LABELS.genre, coopGender(row.gender)),
    label(COOP_LABELS.trancheAge, row.ageBand),
    COOP_LABELS.statutSocial.non_communique,
  ];
}

/**
 * Une séance d'atelier tenue : une activité collective de la Coop (type `collectif`), au lieu de la séance, avec sa
 * durée, sa thématique, son titre, son niveau et le nombre de participants présents ; anonyme (aucun bénéficiaire).
 */
export interface CollectiveRow {
  occurredAt: Date;
  place: Place;
  durationMinutes: number;
  title: string;
  level: string;
  theme: string;
  participants: number;
}

/** Le niveau d'un atelier aux valeurs et libellés de la Coop. */
const COOP_LEVELS: Record<string, { value: string; label: string }> = {
  debutant: { value: 'debutant', label: 'Débutant' },
  intermediaire: { value: 'intermediaire', label: 'Intermédiaire' },
  avance: { value: 'avance', label: 'Avancé' },
};

/** Une activité collective aux valeurs de l'API de la Coop (mêmes colonnes que les activités individuelles). */
export function coopCollectiveRow(row: CollectiveRow): string[] {
  return [
    localDay(row.occurredAt),
    'collectif',
    'lieu_activite',
    row.place.name,
    row.place.street ?? '',
    row.place.postalCode ?? '',
    row.place.city ?? '',
    row.place.insee ?? '',
    String(row.durationMinutes),
    '',
    row.theme,
    '',
    '',
    'false',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    row.title,
    COOP_LEVELS[row.level]?.value ?? '',
    String(row.participants),
  ];
}

/** Une activité collective telle que l'export XLSX de la Coop l'écrit. */
export function coopCollectiveXlsxRow(row: CollectiveRow): Array<string | number | Date> {
  return [
    new Date(`${localDay(row.occurredAt)}T00:00:00Z`),
    'Atelier collectif',
    row.participants,
    label(COOP_LABELS.typeLieu, 'lieu_activite'),
    row.place.name,
    row.place.street ?? '',
    row.place.city ?? '',
    row.place.postalCode ?? '',
    row.place.insee ?? '',
    row.durationMinutes,
    row.title,
    '',
    label(COOP_LABELS.thematiques, row.theme),
    '',
    '',
    COOP_LEVELS[row.level]?.label ?? '',
    'Non',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ];
}
