// Les diagnostics de la démonstration : une part des personnes d'Alpha et de Beta, diagnostiquées une à trois fois
// sur l'année écoulée. La plupart progressent (des gestes passent de « pas encore » à « avec aide » puis « seul »),
// certaines stagnent, quelques-unes reculent (un déménagement, un téléphone perdu). Les premiers plans sont
// validés et avancent ; les personnes devenues autonomes sont souvent pairs-aidantes.
import { and, asc, count, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { diagnoses, peerHelpers, planSteps } from '../diagnosis/schema';
import { places } from '../directory/schema';
import { memberships } from '../../platform/schema';
import { persons } from '../reception/schema';
import type { Answers } from '../diagnosis/grid';
import { placeOffering, resultOf, suggestSteps } from '../diagnosis/rules';
import { ACCOUNTS, SKILLS, type Account, type AccountUse, type HelperSkill, type Skill, type SkillLevel } from '../diagnosis/vocabulary';
import { random } from './story';
import type { StepStatus } from '../diagnosis/vocabulary';

const DAY = 86_400_000;

/** Certains gestes sont plus durs que d'autres : remplir un formulaire, joindre un document. */
const DIFFICULTY: Record<Skill, number> = {
  appareil: -0.25,
  saisie: -0.1,
  navigation: 0,
  formulaire: 0.15,
  mots_de_passe: 0.1,
  documents: 0.15,
  pdf: 0.1,
  arnaques: 0.05,
  visio: -0.05,
  application: 0.05,
};
const CONCERNED: Record<Account, number> = { franceconnect: 0.8, ameli: 0.95, caf: 0.7, impots: 0.85, france_travail: 0.35, ants: 0.5 };

interface Traits {
  ability: number;
  concerned: Account[];
  reading: Answers['reading'];
  french: Answers['french'];
  computer: boolean;
  box: boolean;
}

function traitsOf(rand: () => number): Traits {
  const r = rand();
  return {
    ability: 0.05 + rand() * 0.8,
    concerned: (Object.keys(ACCOUNTS) as Account[]).filter((a) => rand() < CONCERNED[a]),
    reading: r < 0.84 ? 'facile' : r < 0.97 ? 'difficile' : 'non',
    french: rand() < 0.85 ? 'oui' : rand() < 0.7 ? 'un_peu' : 'non',
    computer: rand() < 0.45,
    box: rand() < 0.65,
  };
}

/** Les réponses d'une personne de capacité `ability` (0 à 1), ses traits restant les mêmes d'un diagnostic à l'autre. */
function answersOf(t: Traits, ability: number, rand: () => number): Answers {
  const level = (v: number): SkillLevel => (v > 0.6 ? 'seul' : v > 0.3 ? 'avec_aide' : 'pas_encore');
  const noisy = (offset = 0) => ability - offset + (rand() - 0.5) * 0.3;
  const hasDevice = ability > 0.12;
  const account = (a: Account): AccountUse => {
    if (!t.concerned.includes(a)) return 'non_concerne';
    const v = noisy(0.05);
    return v > 0.6 ? 'seul' : v > 0.35 ? 'avec_aide' : v > 0.2 ? 'acces_perdu' : 'aucun';
  };
  const email = noisy();
  return {
    equipment: hasDevice ? [...(t.computer && ability > 0.4 ? (['ordinateur'] as const) : []), 'smartphone'] : ['aucun'],
    connection: hasDevice ? [t.box ? 'box' : 'donnees_mobiles'] : [rand() < 0.5 ? 'lieux_publics' : 'aucune'],
    email: email > 0.6 ? 'seul' : email > 0.35 ? 'avec_aide' : email > 0.2 ? 'ne_sait_pas_ouvrir' : 'pas_d_adresse',
    accounts: Object.fromEntries((Object.keys(ACCOUNTS) as Account[]).map((a) => [a, account(a)])) as Answers['accounts'],
    // Sans appareil, aucun geste ne se fait seul : la démonstration ne contredit pas ses propres réponses.
    skills: Object.fromEntries(
      (Object.keys(SKILLS) as Skill[]).map((s) => [s, hasDevice ? level(noisy(DIFFICULTY[s])) : 'pas_encore']),
    ) as Answers['skills'],
    reading: t.reading,
    writing: t.reading === 'facile' && ability < 0.3 && rand() < 0.3 ? 'difficile' : t.reading,
    french: t.french,
    otherLanguage: t.french === 'oui' ? null : (['arabe', 'tamoul', 'portugais', 'roumain', 'dari'] as const)[Math.floor(rand() * 5)]!,
    apprehension: ability < 0.2 ? (rand() < 0.2 ? 'refus' : 'forte') : ability < 0.45 ? 'un_peu' : 'aucune',
    institutionCauses: rand() < 0.15 ? ['institution_site_en_panne'] : rand() < 0.1 ? ['institution_cas_non_prevu'] : [],
  };
}

export async function diagnosesSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(diagnoses).where(eq(diagnoses.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

export async function writeDemoDiagnoses(tx: Tx, structureId: string, howMany: number, today: Date, seed: number) {
  const rand = random(seed);
  const people = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.structureId, structureId))
    .orderBy(asc(persons.createdAt))
    .limit(howMany * 4);
  const mediators = await tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.structureId, structureId), eq(memberships.role, 'mediateur')));
  const directory = await tx
    .select({ id: places.id, services: places.services })
    .from(places)
    .where(and(eq(places.structureId, structureId), eq(places.active, true)))
    .orderBy(asc(places.name));
  if (people.length === 0 || mediators.length === 0) return;

  // Une personne sur quatre parmi les plus anciennes : elles ont eu le temps de revenir.
  const chosen = people.filter((_, i) => i % 4 === 0).slice(0, howMany);
  const journeys = chosen.map((person, i) => {
    const traits = traitsOf(rand);
    // La moitié revient au moins une fois ; une sur six trois fois.
    const visits = i % 2 === 0 ? (i % 6 === 0 ? 3 : 2) : 1;
    let at = today.getTime() - (120 + Math.floor(rand() * 230)) * DAY;
    let ability = traits.ability;
    const steps = [];
    for (let v = 0; v < visits && at <= today.getTime() - DAY; v++) {
      const answers = answersOf(traits, ability, rand);
      steps.push({
        at: new Date(new Date(at).setHours(9 + Math.floor(rand() * 8), 10, 0, 0)),
        answers,
        result: resultOf(answers),
        mediator: mediators[Math.floor(rand() * mediators.length)]!.id,
      });
      const r = rand();
      // Progrès le plus souvent, stagnation parfois, recul rarement.
      ability = Math.max(
        0,
        Math.min(1, ability + (r < 0.7 ? 0.12 + rand() * 0.18 : r < 0.88 ? (rand() - 0.5) * 0.06 : -(0.12 + rand() * 0.12))),
      );
      at += (55 + Math.floor(rand() * 70)) * DAY;
    }
    return { personId: person.id, steps };
  });

  // Les plus à l'aise à leur dernier diagnostic deviennent pairs-aidants (au moins un par structure).
  const byLastScore = [...journeys].sort((a, b) => b.steps.at(-1)!.result.overall - a.steps.at(-1)!.result.overall);
  const helpers = byLastScore
    .filter((j, i) => i === 0 || j.steps.at(-1)!.result.overall >= 80)
    .slice(0, Math.max(1, Math.ceil(howMany / 12)));
  for (const helper of helpers) {
    const last = helper.steps.at(-1)!;
    const skills: HelperSkill[] = (Object.keys(SKILLS) as Skill[]).filter((s) => last.answers.skills[s] === 'seul').slice(0, 4);
    if (last.answers.email === 'seul' || skills.length === 0) skills.push('messagerie');
    await tx.insert(peerHelpers).values({
      structureId,
      personId: helper.personId,
      skills,
      availability: (['Le mardi matin', 'Le mercredi après-midi', 'Le samedi, à la médiathèque'] as const)[helpers.indexOf(helper) % 3],
      consentAt: last.at,
      consentBy: last.mediator,
    });
  }

  for (const journey of journeys) {
    const ids: string[] = [];
    for (const step of journey.steps) {
      const [row] = await tx
        .insert(diagnoses)
        .values({
          structureId,
          personId: journey.personId,
          answers: step.answers,
          blockScores: step.result.scores,
          overallScore: step.result.overall,
          computedLevel: step.result.level,
          level: step.result.level,
          autonomy: step.result.autonomy,
          freins: step.result.freins,
          createdAt: step.at,
          createdBy: step.mediator,
        })
        .returning({ id: diagnoses.id });
      ids.push(row!.id);
    }
    // Le plan du premier diagnostic : fait quand la personne a progressé depuis, en cours sinon.
    const first = journey.steps[0]!;
    const next = journey.steps[1];
    const improved = next ? next.result.overall > first.result.overall : false;
    const helper = helpers.find((h) => h.personId !== journey.personId);
    const suggestions = suggestSteps(first.answers, first.result).slice(0, 4);
    if (suggestions.length === 0) continue;
    await tx.insert(planSteps).values(
      suggestions.map((s, k) => ({
        structureId,
        personId: journey.personId,
        diagnosisId: ids[0]!,
        kind: s.kind,
        label: s.label,
        placeId: placeOffering(directory, s)?.id ?? null,
        helperPersonId: s.kind === 'pair_aidant' && helper ? helper.personId : null,
        status: (next
          ? improved
            ? k === 3
              ? 'abandonnee'
              : 'faite'
            : k === 0
              ? 'faite'
              : 'en_cours'
          : k === 0
            ? 'en_cours'
            : 'a_faire') as StepStatus,
        statusAt: next ? new Date(next.at.getTime() - 3 * DAY) : new Date(Math.min(first.at.getTime() + 7 * DAY, today.getTime())),
        createdAt: first.at,
        createdBy: first.mediator,
      })),
    );
  }
}
