// L'histoire d'Alpha : quatre années de sollicitations, de 4 000 à 16 000 par an pour trois
// médiateurs, avec les pics de saison et la part du « fait à la place » qui baisse à mesure que
// l'autonomie progresse. Génération pure et déterministe (graine fixe) : mêmes entrées, mêmes lignes.
import type { BlockedCause, Channel, Level, Mode, Organisation, Outcome } from '../reception/vocabulary';
import type { Redirection } from '../../vocabulary/coop';
import { BLOCKED_CAUSES, ORGANISATIONS } from '../reception/vocabulary';

export interface StoryPlan {
  /** Sollicitations par année civile, de la plus ancienne à la plus récente (dernière année complète). */
  yearly: number[];
  /** Rythme de l'année en cours, en sollicitations par an (jusqu'à la veille du semis). */
  currentYearPace: number;
  persons: number;
  mediators: number;
  seed: number;
}

export const ALPHA_PLAN: StoryPlan = {
  yearly: [4000, 7000, 11000, 16000],
  currentYearPace: 16800,
  persons: 9000,
  mediators: 3,
  seed: 2026,
};
export const BETA_PLAN: StoryPlan = { yearly: [600, 900, 1200, 1500], currentYearPace: 1600, persons: 900, mediators: 1, seed: 1789 };

export interface StoryPerson {
  index: number;
  firstName: string;
  lastName: string;
  birthYear: number;
  phone: string | null;
  hasEmail: 'oui' | 'non' | 'inconnu';
  createdAt: Date;
}

export interface StorySolicitation {
  personIndex: number | null;
  mediatorIndex: number;
  occurredAt: Date;
  channel: Channel;
  level: Level;
  mode: Mode;
  organisation: Organisation;
  procedure: string;
  durationMinutes: number;
  outcome: Outcome;
  blockedCause: BlockedCause | null;
  redirection: Redirection | null;
  nextStep: string | null;
  nextStepDate: string | null;
  anonymousAgeBand: string | null;
  anonymousGender: string | null;
  /** Minutes passées en file d'attente (arrivées sur place de la dernière année), sinon null. */
  waitedMinutes: number | null;
}

/** Générateur pseudo-aléatoire mulberry32 : reproductible à partir d'une graine. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** Poids des mois : impôts d'avril à juin, rentrée fin août–septembre, creux de l'été et de décembre. */
export const MONTH_WEIGHTS = [0.9, 0.9, 1.0, 1.25, 1.4, 1.25, 0.75, 0.7, 1.3, 1.1, 1.0, 0.7];

const BASE_ORGANISATIONS: ReadonlyArray<readonly [Organisation, number]> = [
  ['caf', 26],
  ['cpam', 14],
  ['france_travail', 12],
  ['dgfip', 9],
  ['ants', 8],
  ['prefecture', 6],
  ['assurance_retraite', 6],
  ['departement', 3],
  ['bailleur_social', 3],
  ['energie', 2],
  ['mdph', 2],
  ['education_nationale', 2],
  ['mairie', 2],
  ['mutuelle', 1],
  ['msa', 1],
  ['agirc_arrco', 1],
  ['la_poste', 1],
  ['banque', 1],
  ['autre', 1],
];

/** Le mélange des organismes selon le mois : déclarations trimestrielles CAF, impôts, rentrée. */
function organisationsFor(month: number): ReadonlyArray<readonly [Organisation, number]> {
  return BASE_ORGANISATIONS.map(([organisation, weight]) => {
    if (organisation === 'dgfip' && month >= 3 && month <= 5) return [organisation, weight * 4] as const;
    if (organisation === 'caf' && [0, 3, 6, 9].includes(month)) return [organisation, weight * 1.5] as const;
    if (organisation === 'education_nationale' && (month === 7 || month === 8)) return [organisation, weight * 6] as const;
    return [organisation, weight] as const;
  });
}

export const PROCEDURES: Record<Organisation, string[]> = {
  caf: [
    'Déclaration trimestrielle RSA',
    "Déclaration trimestrielle prime d'activité",
    "Demande d'aide au logement",
    'Attestation de paiement',
    'Changement de situation',
  ],
  cpam: [
    'Attestation de droits',
    'Complémentaire santé solidaire',
    'Commande de carte Vitale',
    'Déclaration de médecin traitant',
    'Arrêt de travail : suivi des indemnités',
  ],
  france_travail: ['Actualisation mensuelle', 'Inscription', 'Mise à jour du CV', 'Attestation employeur', 'Réponse à une offre'],
  assurance_retraite: [
    'Demande de retraite en ligne',
    'Relevé de carrière',
    'Attestation de paiement',
    'Allocation de solidarité aux personnes âgées',
  ],
  agirc_arrco: ['Demande de retraite complémentaire', 'Attestation fiscale'],
  msa: ['Attestation de droits', 'Prime d’activité MSA'],
  dgfip: ['Déclaration des revenus', "Avis d'imposition", 'Espace particulier : création', 'Prélèvement à la source : taux', 'Réclamation'],
  ants: ['Pré-demande de carte d’identité', 'Pré-demande de passeport', 'Permis de conduire', 'Certificat d’immatriculation'],
  prefecture: ['Renouvellement de titre de séjour (ANEF)', 'Récépissé', 'Naturalisation : dépôt', 'Changement d’adresse ANEF'],
  mdph: ['Dossier de demande MDPH', 'Renouvellement AAH'],
  departement: ['Dossier RSA', 'Allocation personnalisée d’autonomie'],
  bailleur_social: ['Demande de logement social', 'Renouvellement de la demande', 'Attestation de loyer'],
  energie: ['Chèque énergie', 'Échéancier de paiement', 'Relevé de compteur'],
  la_poste: ['Suivi de courrier', 'Procuration'],
  banque: ['Accès à la banque en ligne', 'Relevé d’identité bancaire'],
  mutuelle: ['Remboursement', 'Attestation de tiers payant'],
  education_nationale: ['Bourse de collège', 'Bourse de lycée', 'Accès à l’ENT', 'Inscription à la cantine'],
  mairie: ['Inscription sur les listes électorales', 'Acte de naissance', 'Inscription scolaire'],
  autre: ['Création d’adresse e-mail', 'Impression de documents', 'Prise de rendez-vous en ligne'],
};

const FIRST_NAMES = [
  'Marie',
  'Fatima',
  'Nathalie',
  'Aïcha',
  'Isabelle',
  'Sylvie',
  'Khadija',
  'Monique',
  'Léa',
  'Inès',
  'Chantal',
  'Sandrine',
  'Amina',
  'Josiane',
  'Yasmine',
  'Jean',
  'Mohamed',
  'Michel',
  'Ahmed',
  'Pierre',
  'Karim',
  'Alain',
  'Mamadou',
  'Philippe',
  'Youssef',
  'Daniel',
  'Bernard',
  'Ibrahim',
  'Patrick',
  'Sofiane',
  'Gérard',
  'Moussa',
  'Thierry',
  'Lucas',
  'Nicolas',
  'Hélène',
  'Françoise',
  'Malika',
  'Rachid',
  'Jacqueline',
  'Odette',
  'Colette',
  'Ginette',
  'Denise',
  'Yvette',
  'Paulette',
  'Simone',
  'Huguette',
  'Lucienne',
  'Germaine',
  'Brigitte',
  'Catherine',
  'Martine',
  'Véronique',
  'Valérie',
  'Corinne',
  'Stéphanie',
  'Céline',
  'Aurélie',
  'Émilie',
  'Camille',
  'Chloé',
  'Manon',
  'Sarah',
  'Océane',
  'Jade',
  'Zoé',
  'Nadia',
  'Samira',
  'Leïla',
  'Naïma',
  'Rachida',
  'Souad',
  'Mariam',
  'Aminata',
  'Fatoumata',
  'Awa',
  'Kadiatou',
  'Oumou',
  'Svetlana',
  'Ana',
  'Maria',
  'Lucia',
  'Elif',
  'Ayşe',
  'Hoa',
  'Linh',
  'Mei',
  'Thi',
  'Roza',
  'Roger',
  'René',
  'Marcel',
  'André',
  'Raymond',
  'Lucien',
  'Henri',
  'Georges',
  'Jacques',
  'Claude',
  'Serge',
  'Dominique',
  'Christian',
  'Éric',
  'Laurent',
  'Olivier',
  'Sébastien',
  'Julien',
  'Mathieu',
  'Kevin',
  'Dylan',
  'Enzo',
  'Hugo',
  'Théo',
  'Nathan',
  'Abdel',
  'Mehdi',
  'Bilal',
  'Hamza',
  'Nordine',
  'Farid',
  'Saïd',
  'Omar',
  'Amadou',
  'Boubacar',
  'Seydou',
  'Ousmane',
  'Cheikh',
  'Dmitri',
  'Mihai',
  'Ion',
  'João',
  'Manuel',
  'Luis',
  'Duc',
  'Minh',
  'Tuan',
  'Arben',
  'Goran',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Benali',
  'Haddad',
  'Diallo',
  'Traoré',
  'Nguyen',
  'Lefèvre',
  'Garcia',
  'Rodrigues',
  'Mercier',
  'Fontaine',
  'Bensaïd',
  'Kaci',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Boucher',
  'Mendy',
  'Camara',
  'Chevalier',
  'Lopez',
  'Fernandes',
  'Ouali',
  'Meunier',
  'Gauthier',
  'Perrin',
  'Girard',
  'André',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Morin',
  'Mathieu',
  'Clément',
  'Gaillard',
  'Vincent',
  'Roux',
  'Fournier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillot',
  'Barbier',
  'Arnaud',
  'Picard',
  'Roger',
  'Renaud',
  'Schmitt',
  'Colin',
  'Vidal',
  'Caron',
  'Roy',
  'Aubert',
  'Hoarau',
  'Payet',
  'Grondin',
  'Fabre',
  'Morel',
  'Leclerc',
  'Carpentier',
  'Belkacem',
  'Cherif',
  'Bouzid',
  'Hamidi',
  'Mansouri',
  'Amrani',
  'Saidi',
  'Zeroual',
  'Touati',
  'Brahimi',
  'Benhamou',
  'Khelifi',
  'Ait-Ahmed',
  'Ndiaye',
  'Sow',
  'Ba',
  'Cissé',
  'Keita',
  'Koné',
  'Coulibaly',
  'Sylla',
  'Touré',
  'Konaté',
  'Diop',
  'Fall',
  'Pereira',
  'Da Silva',
  'Santos',
  'Oliveira',
  'Ferreira',
  'Alves',
  'Costa',
  'Yilmaz',
  'Kaya',
  'Demir',
  'Popescu',
  'Ionescu',
  'Kowalski',
  'Nowak',
  'Tran',
  'Le',
  'Pham',
  'Vu',
  'Hoang',
  'Krasniqi',
  'Berisha',
];

const NEXT_STEPS = [
  'Revenir avec les justificatifs',
  "Rapporter l'avis d'imposition",
  'Finir la déclaration ensemble',
  'Vérifier la réponse de l’organisme',
  'Rendez-vous pour la suite du dossier',
];

const dayMs = 86_400_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Un jour ouvré tiré dans le mois, à une heure d'ouverture (9 h–12 h, 14 h–17 h, heure de Paris ≈ UTC+1). */
function workingMoment(rand: () => number, year: number, month: number, lastDay: Date | null) {
  const days = daysOf(year, month, lastDay);
  if (days < 1) return null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const day = 1 + Math.floor(rand() * days);
    const date = new Date(Date.UTC(year, month, day));
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (lastDay && date >= lastDay) continue;
    const hour = rand() < 0.55 ? 8 + Math.floor(rand() * 3) : 13 + Math.floor(rand() * 3);
    return new Date(date.getTime() + hour * 3_600_000 + Math.floor(rand() * 60) * 60_000);
  }
  return null;
}

/** Les jours du mois où tombent ses sollicitations : le mois du semis s'arrête la veille. */
function daysOf(year: number, month: number, lastDay: Date | null) {
  const inMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return lastDay && lastDay.getUTCFullYear() === year && lastDay.getUTCMonth() === month ? lastDay.getUTCDate() - 1 : inMonth;
}

/** Combien de sollicitations par mois : le volume annuel réparti selon la saison. */
function monthlyTargets(total: number) {
  const sum = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
  return MONTH_WEIGHTS.map((w) => Math.round((total * w) / sum));
}

export interface Story {
  persons: StoryPerson[];
  solicitations: StorySolicitation[];
}

/**
 * Génère l'histoire : les années complètes se terminent l'année précédant `today`, l'année en cours
 * court jusqu'à la veille. `progress` (0 → 1) fait évoluer les pratiques vers plus d'autonomie.
 */
export function generateStory(plan: StoryPlan, today: Date): Story {
  const rand = random(plan.seed);
  const currentYear = today.getUTCFullYear();
  const firstYear = currentYear - plan.yearly.length;
  const totalSolicitations =
    plan.yearly.reduce((a, b) => a + b, 0) +
    Math.round((plan.currentYearPace * (today.getTime() - Date.UTC(currentYear, 0, 1))) / (365 * dayMs));
  const persons: StoryPerson[] = [];
  const solicitations: StorySolicitation[] = [];
  const lastDay = new Date(Date.UTC(currentYear, today.getUTCMonth(), today.getUTCDate()));
  const oneYearAgo = new Date(lastDay.getTime() - 365 * dayMs);

  const years = [...plan.yearly.map((count, i) => ({ year: firstYear + i, count })), { year: currentYear, count: plan.currentYearPace }];
  for (const [yearIndex, { year, count }] of years.entries()) {
    const targets = monthlyTargets(count);
    for (let month = 0; month < 12; month++) {
      if (year === currentYear && month > today.getUTCMonth()) break;
      // Le mois en cours au prorata de ses jours passés : tout son volume tassé sur quelques jours faisait une
      // semaine de 150 heures par médiateur.
      const inMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      const target = Math.round((targets[month]! * daysOf(year, month, year === currentYear ? lastDay : null)) / inMonth);
      for (let n = 0; n < target; n++) {
        const occurredAt = workingMoment(rand, year, month, year === currentYear ? lastDay : null);
        if (!occurredAt) continue;
        const progress = (yearIndex * 12 + month) / (years.length * 12);
        solicitations.push(makeSolicitation(rand, plan, occurredAt, month, progress, persons, totalSolicitations, oneYearAgo));
      }
    }
  }
  return { persons, solicitations };
}

/**
 * Les jours qui suivent l'histoire, pour une démonstration qui vit au jour le jour : chaque jour ouvré de `from`
 * (inclus) jusqu'à l'instant `until` (exclu), au rythme de l'année en cours, avec des personnes déjà connues (les
 * `knownPersons` premières de l'histoire) ou anonymes. Déterministe pour un même jour de départ.
 */
export function generateDays(plan: StoryPlan, knownPersons: number, from: Date, until: Date): StorySolicitation[] {
  const rand = random(plan.seed ^ Math.floor(from.getTime() / dayMs));
  const persons = new Array<StoryPerson>(knownPersons);
  const returning = { ...plan, persons: 0 }; // aucune nouvelle personne : leurs fiches n'existent pas
  const solicitations: StorySolicitation[] = [];
  const oneYearAgo = new Date(until.getTime() - 365 * dayMs);
  for (let day = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); day < until.getTime(); day += dayMs) {
    const date = new Date(day);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const month = date.getUTCMonth();
    const workingDays = 21.7;
    const count = Math.round(monthlyTargets(plan.currentYearPace)[month]! / workingDays);
    for (let n = 0; n < count; n++) {
      const hour = rand() < 0.55 ? 8 + Math.floor(rand() * 3) : 13 + Math.floor(rand() * 3);
      const occurredAt = new Date(day + hour * 3_600_000 + Math.floor(rand() * 60) * 60_000);
      const made = makeSolicitation(rand, returning, occurredAt, month, 1, persons, 1, oneYearAgo);
      if (occurredAt.getTime() < until.getTime() && (knownPersons > 0 || made.personIndex === null)) solicitations.push(made);
    }
  }
  return solicitations.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function makeSolicitation(
  rand: () => number,
  plan: StoryPlan,
  occurredAt: Date,
  month: number,
  progress: number,
  persons: StoryPerson[],
  totalSolicitations: number,
  oneYearAgo: Date,
): StorySolicitation {
  const anonymous = rand() < 0.12;
  let personIndex: number | null = null;
  if (!anonymous) {
    // Assez de nouvelles personnes pour atteindre la cible ; les autres reviennent, surtout les récentes.
    const newShare = Math.min(0.9, (plan.persons / totalSolicitations) * 1.15);
    if (persons.length < plan.persons && (persons.length === 0 || rand() < newShare)) {
      personIndex = persons.length;
      persons.push(makePerson(rand, personIndex, occurredAt));
    } else {
      const skew = 1 - rand() ** 2;
      personIndex = Math.min(persons.length - 1, Math.floor(skew * persons.length));
    }
  }
  const organisation = pick(rand, organisationsFor(month));
  const procedures = PROCEDURES[organisation];
  const drawn = pick<Mode>(rand, [
    ['fait_a_la_place', 0.55 - 0.25 * progress],
    ['accompagne', 0.35],
    ['forme', 0.1 + 0.15 * progress],
  ]);
  // Comme dans le formulaire : faire à la place d'une personne identifiée demande un mandat, donc un domaine.
  const mode = drawn === 'fait_a_la_place' && personIndex !== null && !ORGANISATIONS[organisation].theme ? 'accompagne' : drawn;
  const level = pick<Level>(rand, [
    ['urgence', 0.35 - 0.1 * progress],
    ['inclusion', 0.45],
    ['montee_en_competences', 0.2 + 0.1 * progress],
  ]);
  const channel = pick<Channel>(rand, [
    ['sur_place', 75],
    ['telephone', 15],
    ['domicile', 3],
    ['a_distance', 7],
  ]);
  const outcome = pick<Outcome>(rand, [
    ['fait', 55],
    ['a_terminer_seul', 15],
    ['doit_revenir', 15],
    ['bloque', 8],
    ['oriente', 7],
  ]);
  // 16 000 demandes pour 3 médiateurs : des gestes courts (8 à 16 min pour une démarche faite à la place), sans quoi
  // la semaine dépasse ce qu'une personne peut tenir. La surcharge reste, l'impossible non.
  const base = mode === 'forme' ? 20 : mode === 'accompagne' ? 12 : 8;
  const durationMinutes = Math.min(120, Math.round((base + rand() * base) / 5) * 5);
  const causes = Object.keys(BLOCKED_CAUSES) as BlockedCause[];
  const recent = occurredAt >= oneYearAgo;
  const nextStepDate = outcome === 'doit_revenir' ? new Date(occurredAt.getTime() + (3 + Math.floor(rand() * 18)) * dayMs) : null;
  return {
    personIndex,
    mediatorIndex: Math.floor(rand() * plan.mediators),
    occurredAt,
    channel,
    level,
    mode,
    organisation,
    procedure: procedures[Math.floor(rand() * procedures.length)]!,
    durationMinutes,
    outcome,
    blockedCause: outcome === 'bloque' ? causes[Math.floor(rand() * causes.length)]! : null,
    redirection:
      outcome === 'oriente'
        ? pick<Redirection>(rand, [
            ['operateur_ou_organisme_en_charge', 4],
            ['aide_sociale', 2],
            ['mediation_numerique', 2],
            ['insertion_professionnelle', 1],
            ['administration', 1],
          ])
        : null,
    nextStep: nextStepDate ? NEXT_STEPS[Math.floor(rand() * NEXT_STEPS.length)]! : null,
    nextStepDate: nextStepDate ? isoDate(nextStepDate) : null,
    anonymousAgeBand: anonymous
      ? pick(rand, [
          ['dix_huit_vingt_quatre', 1],
          ['vingt_cinq_trente_neuf', 3],
          ['quarante_cinquante_neuf', 3],
          ['soixante_soixante_neuf', 2],
          ['soixante_dix_plus', 2],
          ['non_communique', 1],
        ] as const)
      : null,
    anonymousGender: anonymous
      ? pick(rand, [
          ['femme', 6],
          ['homme', 4],
          ['non_communique', 1],
        ] as const)
      : null,
    waitedMinutes: recent && channel === 'sur_place' ? Math.round(3 + rand() ** 2 * 70) : null,
  };
}

function makePerson(rand: () => number, index: number, createdAt: Date): StoryPerson {
  const hasPhone = rand() < 0.8;
  return {
    index,
    firstName: FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)]!,
    lastName: LAST_NAMES[Math.floor(rand() * LAST_NAMES.length)]!,
    birthYear: 1935 + Math.floor(rand() * 72),
    // Numéros fictifs de la plage réservée à la fiction (06 39 98 xx xx, ARCEP).
    phone: hasPhone
      ? `06 39 98 ${String(Math.floor(rand() * 100)).padStart(2, '0')} ${String(Math.floor(rand() * 100)).padStart(2, '0')}`
      : null,
    hasEmail: pick(rand, [
      ['oui', 5],
      ['non', 3],
      ['inconnu', 2],
    ] as const),
    createdAt,
  };
}

/** La thématique Coop d'un organisme, si elle s'en déduit. */
export const themeOf = (organisation: Organisation) => ORGANISATIONS[organisation].theme;
