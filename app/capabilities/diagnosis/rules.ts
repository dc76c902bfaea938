// Le résultat d'un diagnostic, calculé des seules réponses : une note sur 100 par bloc, le niveau de besoin
//, le niveau d'autonomie de la Coop, les freins, les réponses à vérifier, et le plan proposé.
// Fonctions pures, testées dans rules.test.ts ; les seuils sont expliqués dans la décision 010.
import { z } from 'zod';
import { checkboxes, choice, freeText, optional } from '../../platform/fields';
import { LEVELS, type Level } from '../reception/vocabulary';
import { type Autonomy } from '../../vocabulary/coop';
import type { Answers } from './grid';
import {
  ACCOUNTS,
  FREINS,
  HELPER_SKILLS,
  SKILLS,
  STEP_KINDS,
  STEP_STATUSES,
  type Account,
  type Block,
  type Frein,
  type HelperSkill,
  type Skill,
  type StepKind,
} from './vocabulary';

const round = (value: number) => Math.round(value * 100);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

const SKILL_POINTS = { seul: 1, avec_aide: 0.5, pas_encore: 0 } as const;
const ACCOUNT_POINTS = { seul: 1, avec_aide: 0.5, acces_perdu: 0.25, aucun: 0 } as const;
const EMAIL_POINTS = { seul: 1, avec_aide: 0.5, ne_sait_pas_ouvrir: 0.25, pas_d_adresse: 0 } as const;
const LITERACY_POINTS = { facile: 1, difficile: 0.5, non: 0 } as const;
const FRENCH_POINTS = { oui: 1, un_peu: 0.5, non: 0 } as const;
const CONFIDENCE_POINTS = { aucune: 1, un_peu: 2 / 3, forte: 1 / 3, refus: 0 } as const;

export const hasDevice = (a: Answers) => a.equipment.some((d) => d !== 'aucun');
const homeConnection = (a: Answers) => a.connection.some((c) => c === 'box' || c === 'donnees_mobiles');

export type BlockScores = Record<Block, number | null>;

/** Chaque bloc sur 100 ; les comptes ne comptent que ceux qui concernent la personne (null si aucun). */
export function blockScores(a: Answers): BlockScores {
  const concerned = Object.values(a.accounts).filter((use) => use !== 'non_concerne');
  const connection = homeConnection(a) ? 1 : a.connection.includes('lieux_publics') ? 0.5 : 0;
  return {
    equipement: round(((hasDevice(a) ? 1 : 0) + connection) / 2),
    messagerie: round(EMAIL_POINTS[a.email]),
    comptes: concerned.length ? round(mean(concerned.map((use) => ACCOUNT_POINTS[use as keyof typeof ACCOUNT_POINTS]))!) : null,
    gestes: round(mean(Object.values(a.skills).map((level) => SKILL_POINTS[level]))!),
    langue: round(mean([LITERACY_POINTS[a.reading], LITERACY_POINTS[a.writing], FRENCH_POINTS[a.french]])!),
    confiance: round(CONFIDENCE_POINTS[a.apprehension]),
  };
}

/** La note d'ensemble : la moyenne des blocs notés, arrondie. */
export const overallScore = (scores: BlockScores) => Math.round(mean(Object.values(scores).filter((s): s is number => s !== null)) ?? 0);

export const URGENCY_BELOW = 35;
export const SKILLED_FROM = 75;

/**
 * Le niveau de besoin : urgence numérique quand la personne ne peut pas agir seule maintenant (ni appareil, ni
 * connexion, refus, ou note sous 35) ; montée en compétences quand la base est acquise (note ≥ 75 et aucun bloc
 * sous 50) ; inclusion numérique entre les deux.
 */
export function levelOf(a: Answers, scores: BlockScores): Level {
  const overall = overallScore(scores);
  if (!hasDevice(a) || a.connection.includes('aucune') || a.apprehension === 'refus' || overall < URGENCY_BELOW) return 'urgence';
  const weakest = Math.min(...Object.values(scores).filter((s): s is number => s !== null));
  if (overall >= SKILLED_FROM && weakest >= 50) return 'montee_en_competences';
  return 'inclusion';
}

export const PARTIAL_FROM = 45;
export const AUTONOMOUS_FROM = 80;

/** La note d'usage : messagerie, comptes et gestes, ce que la personne fait elle-même (sans l'équipement ni la langue). */
export const usageScore = (scores: BlockScores) =>
  overallScore({
    equipement: null,
    langue: null,
    confiance: null,
    messagerie: scores.messagerie,
    comptes: scores.comptes,
    gestes: scores.gestes,
  });

/**
 * Le niveau d'autonomie de la Coop, tiré de la note d'usage : sous 45 avec guidage, de 45 à 79 guidage en cas de
 * besoin, 80 et plus autonome si les gestes de base sont acquis (75 au moins).
 */
export function autonomyOf(scores: BlockScores): Autonomy {
  const usage = usageScore(scores);
  if (usage >= AUTONOMOUS_FROM && (scores.gestes ?? 0) >= SKILLED_FROM) return 'autonome';
  if (usage >= PARTIAL_FROM) return 'partiellement_autonome';
  return 'entierement_accompagne';
}

const missing = (a: Answers, skills: Skill[]) => skills.filter((s) => a.skills[s] === 'pas_encore');
const accountsWith = (a: Answers, use: string) => (Object.keys(ACCOUNTS) as Account[]).filter((k) => a.accounts[k] === use);

/** Ce qui bloque, dans l'ordre de la grille ; les causes côté institution viennent en dernier. */
export function freinsOf(a: Answers): Frein[] {
  const freins: Frein[] = [];
  if (!hasDevice(a)) freins.push('sans_appareil');
  if (a.connection.includes('aucune')) freins.push('sans_connexion');
  else if (!homeConnection(a)) freins.push('connexion_publique');
  if (a.email === 'pas_d_adresse' || a.email === 'ne_sait_pas_ouvrir') freins.push('sans_messagerie');
  if (accountsWith(a, 'acces_perdu').length) freins.push('acces_perdus');
  if (accountsWith(a, 'aucun').length) freins.push('comptes_a_creer');
  if (missing(a, ['appareil', 'saisie', 'navigation']).length) freins.push('gestes_de_base');
  if (missing(a, ['documents', 'pdf']).length) freins.push('documents');
  if (missing(a, ['mots_de_passe', 'arnaques']).length) freins.push('securite');
  if (a.reading !== 'facile' || a.writing !== 'facile') freins.push('lecture_ecriture');
  if (a.french !== 'oui') freins.push('langue');
  if (a.apprehension === 'forte' || a.apprehension === 'refus') freins.push('apprehension');
  freins.push(...a.institutionCauses);
  return freins;
}

/** Des réponses qui se contredisent : signalées pour vérification, jamais bloquantes. */
export function contradictions(a: Answers): string[] {
  const found: string[] = [];
  const alone = (s: Skill) => a.skills[s] === 'seul';
  const usedAlone = (Object.keys(SKILLS) as Skill[]).filter(alone);
  if (!hasDevice(a) && (alone('application') || alone('appareil')))
    found.push('Pas d’appareil, mais la personne utilise seule un appareil ou installe seule une application.');
  if (a.connection.includes('aucune') && (alone('navigation') || alone('visio') || a.email === 'seul'))
    found.push('Aucune connexion, mais la personne va seule sur internet, en appel vidéo ou dans sa messagerie.');
  if (a.email === 'pas_d_adresse' && accountsWith(a, 'seul').length)
    found.push('Pas d’adresse e-mail, mais la personne se connecte seule à un compte en ligne (qui en demande une).');
  if (a.reading === 'non' && usedAlone.includes('formulaire'))
    found.push('La personne ne lit pas le français, mais remplit seule un formulaire en ligne.');
  if (a.apprehension === 'refus' && usedAlone.length >= 8)
    found.push('La personne refuse le numérique, mais fait seule presque tous les gestes de base.');
  return found;
}

export interface Result {
  scores: BlockScores;
  overall: number;
  level: Level;
  autonomy: Autonomy;
  freins: Frein[];
  warnings: string[];
}

export function resultOf(a: Answers): Result {
  const scores = blockScores(a);
  return {
    scores,
    overall: overallScore(scores),
    level: levelOf(a, scores),
    autonomy: autonomyOf(scores),
    freins: freinsOf(a),
    warnings: contradictions(a),
  };
}

/** Le résultat expliqué en une phrase pour le médiateur. */
export function explain(result: Result) {
  const level = LEVELS[result.level].toLowerCase();
  const freins = result.freins.filter((f) => !f.startsWith('institution_')).map((f) => FREINS[f].toLowerCase());
  const why = freins.length ? `Ce qui bloque : ${freins.join(', ')}.` : 'Aucun frein relevé du côté de la personne.';
  return `Note d’ensemble ${result.overall} sur 100 : ${level}. ${why}`;
}

/** Une étape proposée : un type, un intitulé et, pour un lieu, le service de l'annuaire qui y répond. */
export interface Suggestion {
  key: string;
  kind: StepKind;
  label: string;
  service?: string;
}

const ACQUISITION = 'Acquisition de matériel informatique à prix solidaire';
const ACCESS = 'Accès internet et matériel informatique';
const DAILY_TOOLS = 'Maîtrise des outils numériques du quotidien';
const SAFE_USE = 'Utilisation sécurisée du numérique';

/** Le plan proposé à partir du résultat ; le médiateur choisit ce qu'il garde. */
export function suggestSteps(a: Answers, result: Result): Suggestion[] {
  const has = (f: Frein) => result.freins.includes(f);
  const names = (use: string) =>
    accountsWith(a, use)
      .map((k) => ACCOUNTS[k])
      .join(', ');
  const steps: Suggestion[] = [];
  if (result.level === 'urgence')
    steps.push({
      key: 'urgence',
      kind: 'accompagnement_individuel',
      label: 'Faire ensemble les démarches urgentes, en sécurité (mandat si besoin)',
    });
  if (has('sans_appareil'))
    steps.push({ key: 'appareil', kind: 'lieu_formation', label: 'Trouver un appareil à prix solidaire', service: ACQUISITION });
  if (has('sans_connexion') || has('connexion_publique'))
    steps.push({
      key: 'connexion',
      kind: 'lieu_formation',
      label: 'Accéder à internet et à un ordinateur près de chez soi',
      service: ACCESS,
    });
  // L'inclusion numérique vise l'autonomie progressive : refaire avec la personne ce qu'elle fait encore avec aide.
  if (result.level === 'inclusion')
    steps.push({
      key: 'pas_a_pas',
      kind: 'accompagnement_individuel',
      label: 'Refaire ensemble les prochaines démarches, pas à pas, jusqu’à les faire seul(e)',
    });
  if (has('acces_perdus'))
    steps.push({
      key: 'acces',
      kind: 'accompagnement_individuel',
      label: `Retrouver l’accès aux comptes (${names('acces_perdu')}), sans jamais noter les mots de passe`,
    });
  if (has('comptes_a_creer'))
    steps.push({ key: 'comptes', kind: 'accompagnement_individuel', label: `Créer ensemble les comptes en ligne (${names('aucun')})` });
  if (has('sans_messagerie'))
    steps.push({ key: 'messagerie', kind: 'atelier_collectif', label: 'Atelier : créer et utiliser sa boîte e-mail' });
  if (has('gestes_de_base'))
    steps.push({
      key: 'gestes',
      kind: 'atelier_collectif',
      label: 'Atelier : prendre en main son téléphone ou son ordinateur',
      service: DAILY_TOOLS,
    });
  if (has('documents'))
    steps.push({ key: 'documents', kind: 'atelier_collectif', label: 'Atelier : photographier, joindre et retrouver un document' });
  if (has('securite'))
    steps.push({
      key: 'securite',
      kind: 'atelier_collectif',
      label: 'Atelier : protéger ses mots de passe et reconnaître les arnaques',
      service: SAFE_USE,
    });
  if (has('lecture_ecriture'))
    steps.push({ key: 'lecture', kind: 'lieu_formation', label: 'Atelier de lecture et d’écriture près de chez soi' });
  if (has('langue')) steps.push({ key: 'langue', kind: 'lieu_formation', label: 'Cours de français (atelier sociolinguistique)' });
  if (has('apprehension'))
    steps.push({ key: 'confiance', kind: 'pair_aidant', label: 'Être accompagné(e) à son rythme par un pair-aidant' });
  if (result.level === 'montee_en_competences')
    steps.push({
      key: 'approfondir',
      kind: 'atelier_collectif',
      label: 'Atelier pour aller plus loin (bureautique, démarches en autonomie)',
    });
  return steps;
}

/** Le lieu proposé pour une étape : le premier lieu (dans l'ordre donné) qui offre le service de l'étape. */
export const placeOffering = <P extends { services: readonly string[] }>(places: readonly P[], step: Pick<Suggestion, 'service'>) =>
  (step.service ? places.find((p) => p.services.includes(step.service!)) : undefined) ?? null;

/** Les compétences que la personne n'a pas encore seule : celles qu'un pair-aidant peut lui transmettre. */
export function skillsToLearn(a: Answers): HelperSkill[] {
  const skills: HelperSkill[] = (Object.keys(SKILLS) as Skill[]).filter((s) => a.skills[s] !== 'seul');
  if (a.email !== 'seul') skills.push('messagerie');
  return skills;
}

/** Le médiateur peut retenir un autre niveau que celui calculé ; il dit pourquoi. */
export const overrideSchema = z.object({
  level: choice(LEVELS, 'Choisissez le niveau de besoin retenu.'),
  reason: freeText(300, 'La raison')
    .refine((v) => v !== null && v.length >= 3, 'Dites en quelques mots pourquoi vous retenez un autre niveau.')
    .transform((v) => v ?? ''),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Indiquez une date au format jj/mm/aaaa.')
  .refine((v) => !Number.isNaN(new Date(v).getTime()), 'Indiquez une date réelle.');

/** Une étape ajoutée à la main : un type, un intitulé, et au besoin un lieu, un pair-aidant, une date. */
export const stepSchema = z.object({
  kind: choice(STEP_KINDS, 'Choisissez le type d’étape.'),
  label: freeText(200, 'L’intitulé')
    .refine((v) => v !== null && v.length >= 3, 'Décrivez l’étape en quelques mots.')
    .transform((v) => v ?? ''),
  placeId: optional(z.uuid({ error: 'Choisissez un lieu de l’annuaire.' })),
  helperId: optional(z.uuid({ error: 'Choisissez un pair-aidant de la liste.' })),
  dueOn: optional(isoDate),
});
export type StepInput = z.infer<typeof stepSchema>;

export const stepStatusSchema = z.object({
  stepId: z.uuid({ error: 'Étape inconnue.' }),
  status: choice(STEP_STATUSES, 'Choisissez un état de la liste.'),
});

export type Trend = 'progres' | 'stable' | 'recul';

/** Entre deux diagnostics : progrès ou recul dès 5 points d'écart, ou un changement de niveau d'autonomie. */
export function trendBetween(first: { overall: number; autonomy: Autonomy }, last: { overall: number; autonomy: Autonomy }): Trend {
  const rank = { entierement_accompagne: 0, partiellement_autonome: 1, autonome: 2 } as const;
  const delta = last.overall - first.overall;
  const step = rank[last.autonomy] - rank[first.autonomy];
  if (step > 0 || (step === 0 && delta >= 5)) return 'progres';
  if (step < 0 || (step === 0 && delta <= -5)) return 'recul';
  return 'stable';
}

/** Devenir pair-aidant : les compétences partagées, quand on est disponible, et l'accord explicite de la personne. */
export const helperSchema = z.object({
  skills: checkboxes(choice(HELPER_SKILLS, 'Choisissez une compétence de la liste.')).refine(
    (list) => list.length > 0,
    'Cochez au moins une compétence que la personne peut partager.',
  ),
  availability: freeText(200, 'Les disponibilités'),
  consent: z.literal('oui', {
    error: 'La personne doit accepter d’être pair-aidante et que les médiateurs la contactent : cochez son accord.',
  }),
});

export interface Period {
  from: Date;
  to: Date;
  notices: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const parisDay = (value: string) =>
  DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00`).getTime()) ? new Date(`${value}T00:00:00`) : null;

/**
 * La période de la progression, en dates « du … au … » incluses : par défaut les douze derniers mois ; une date
 * illisible est ignorée et une période à l'envers remise à l'endroit, chaque fois avec un avis.
 */
export function periodOf(du: string | null, au: string | null, now: Date): Period {
  const notices: string[] = [];
  const read = (value: string | null, label: string) => {
    if (!value) return null;
    const date = parisDay(value);
    if (!date) notices.push(`La date ${label} « ${value} » n’est pas lisible : elle est ignorée.`);
    return date;
  };
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  let from = read(du, 'de début') ?? new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
  let last = read(au, 'de fin') ?? today;
  if (from > last) {
    [from, last] = [last, from];
    notices.push('La date de début venait après la date de fin : la période a été remise à l’endroit.');
  }
  return { from, to: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1), notices };
}
