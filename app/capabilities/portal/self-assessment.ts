// « Faire le point seul » : la grille du diagnostic, réduite à ce que la personne peut dire d'elle-même (ni les
// causes du côté de l'institution, ni le commentaire du médiateur). Les réponses se lisent avec le schéma de la grille
// (mêmes champs, mêmes valeurs) ; chaque refus devient un problème dit en FALC par le catalogue. Fonctions pures.
import { accountField, gridSchema, skillField, type Answers } from '../diagnosis/grid';
import { resultOf } from '../diagnosis/rules';
import { ACCOUNTS, SKILLS, type Account, type Skill } from '../diagnosis/vocabulary';

export const SELF_ACCOUNTS = Object.keys(ACCOUNTS) as Account[];
export const SELF_SKILLS = Object.keys(SKILLS) as Skill[];

/** Les champs de la grille auxquels la personne répond, dans l'ordre de la page. */
export const SELF_FIELDS = [
  'equipement',
  'connexion',
  'messagerie',
  ...SELF_ACCOUNTS.map(accountField),
  ...SELF_SKILLS.map(skillField),
  'lecture',
  'ecriture',
  'francais',
  'apprehension',
] as const;

/** Les cases à cocher : plusieurs réponses, dont une « aucun(e) » qui va seule. */
export const SELF_CHECKBOXES = { equipement: 'aucun', connexion: 'aucune' } as const;

export type SelfProblem = 'manque' | 'aucun_seul' | 'invalide';

export type SelfAssessmentResult =
  | { ok: true; answers: Answers; overallScore: number }
  | { ok: false; problems: Record<string, SelfProblem>; values: Record<string, string[]> };

/** Lit les réponses (une liste de valeurs par champ) ; les champs inconnus de la personne sont ignorés. */
export function readSelfAssessment(form: Record<string, string[]>): SelfAssessmentResult {
  const values = Object.fromEntries(SELF_FIELDS.map((field) => [field, (form[field] ?? []).filter((v) => v !== '')]));
  const raw = Object.fromEntries(
    Object.entries(values).map(([field, list]) => [field, field in SELF_CHECKBOXES ? list : list.length === 1 ? list[0] : list]),
  );
  const parsed = gridSchema.safeParse({ ...raw, causes: [] });
  if (parsed.success) {
    const answers = { ...parsed.data.answers, otherLanguage: null, institutionCauses: [] };
    return { ok: true, answers, overallScore: resultOf(answers).overall };
  }
  const problems: Record<string, SelfProblem> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    if (problems[field]) continue;
    const given = values[field] ?? [];
    const none = SELF_CHECKBOXES[field as keyof typeof SELF_CHECKBOXES];
    problems[field] = given.length === 0 ? 'manque' : none && given.includes(none) ? 'aucun_seul' : 'invalide';
  }
  return { ok: false, problems, values };
}

/** Ce que la personne dit savoir faire seule, et ce qu'elle peut apprendre (avec de l'aide ou pas encore). */
export function skillsSummary(answers: Pick<Answers, 'skills'>) {
  return {
    alone: SELF_SKILLS.filter((skill) => answers.skills[skill] === 'seul'),
    toLearn: SELF_SKILLS.filter((skill) => answers.skills[skill] !== 'seul'),
  };
}
