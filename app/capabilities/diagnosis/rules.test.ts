import { describe, expect, it } from 'vitest';
import { formValuesOf, gridSchema, type Answers } from './grid';
import {
  autonomyOf,
  blockScores,
  contradictions,
  explain,
  freinsOf,
  helperSchema,
  levelOf,
  overallScore,
  overrideSchema,
  periodOf,
  resultOf,
  skillsToLearn,
  stepSchema,
  suggestSteps,
  trendBetween,
  type BlockScores,
} from './rules';
import { ACCOUNTS, SKILLS, type Skill, type SkillLevel } from './vocabulary';

const allSkills = (level: SkillLevel) => Object.fromEntries(Object.keys(SKILLS).map((s) => [s, level])) as Record<Skill, SkillLevel>;

/** Une personne autonome : tout « seul », la base pour chaque cas. */
const autonomous = (change: Partial<Answers> = {}): Answers => ({
  equipment: ['smartphone', 'ordinateur'],
  connection: ['box'],
  email: 'seul',
  accounts: { franceconnect: 'seul', ameli: 'seul', caf: 'seul', impots: 'seul', france_travail: 'non_concerne', ants: 'seul' },
  skills: allSkills('seul'),
  reading: 'facile',
  writing: 'facile',
  french: 'oui',
  otherLanguage: null,
  apprehension: 'aucune',
  institutionCauses: [],
  ...change,
});

/** Ce qu'envoie le navigateur : une case non cochée n'est pas envoyée. */
const submitted = (answers: Answers) =>
  Object.fromEntries(
    Object.entries(formValuesOf(answers))
      .filter(([, v]) => v !== '')
      .map(([k, v]) => [k, v.includes(',') ? v.split(',') : v]),
  );

const errorsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('la grille', () => {
  it('relit une grille complète dans la forme rangée en base', () => {
    const answers = autonomous({ otherLanguage: 'arabe', institutionCauses: ['institution_site_en_panne'] });
    const parsed = gridSchema.parse({ ...submitted(answers), commentaire: 'Très à l’aise' });
    expect(parsed).toEqual({ answers, comment: 'Très à l’aise' });
  });
  it('dit en français chaque question sans réponse', () => {
    const errors = errorsOf(gridSchema.safeParse({}));
    expect(Object.keys(errors)).toHaveLength(3 + Object.keys(ACCOUNTS).length + Object.keys(SKILLS).length + 4);
    expect(errors.equipement).toBe('Cochez les appareils de la personne, ou « Aucun appareil ».');
    expect(errors.compte_caf).toBe('Dites où en est la personne avec son compte CAF (ou « Pas concerné(e) »).');
    expect(errors.geste_documents).toBe(
      'Répondez « seul(e) », « avec de l’aide » ou « pas encore » : scanner ou photographier un document et le joindre.',
    );
    expect(errors.apprehension).toBe('Dites si le numérique fait peur à la personne.');
    expect(errors).not.toHaveProperty('causes');
    expect(errors).not.toHaveProperty('autreLangue');
  });
  it('refuse « aucun appareil » coché avec un appareil, et une valeur inconnue', () => {
    const values = submitted(autonomous());
    expect(errorsOf(gridSchema.safeParse({ ...values, equipement: ['aucun', 'tablette'] }))).toEqual({
      equipement: '« Aucun appareil » ne se coche pas avec un appareil : décochez l’un ou l’autre.',
    });
    expect(errorsOf(gridSchema.safeParse({ ...values, connexion: ['aucune', 'box'] }))).toEqual({
      connexion: '« Aucune connexion » ne se coche pas avec une connexion : décochez l’un ou l’autre.',
    });
    expect(errorsOf(gridSchema.safeParse({ ...values, messagerie: 'pigeon', equipement: [] }))).toEqual({
      equipement: 'Cochez les appareils de la personne, ou « Aucun appareil ».',
      messagerie: 'Dites si la personne a une adresse e-mail et si elle l’ouvre seule.',
    });
  });
  it('refuse un identifiant secret dans le commentaire', () => {
    const errors = errorsOf(gridSchema.safeParse({ ...submitted(autonomous()), commentaire: 'mot de passe caf : Soleil2024!' }));
    expect(errors.commentaire).toMatch(/mot de passe|identifiant/i);
  });
});

describe('les notes par bloc', () => {
  it('donne 100 partout à la personne autonome', () => {
    expect(blockScores(autonomous())).toEqual({ equipement: 100, messagerie: 100, comptes: 100, gestes: 100, langue: 100, confiance: 100 });
  });
  it('compte à moitié l’aide, et ne note que les comptes qui concernent la personne', () => {
    const scores = blockScores(
      autonomous({
        skills: allSkills('avec_aide'),
        accounts: {
          franceconnect: 'acces_perdu',
          ameli: 'aucun',
          caf: 'non_concerne',
          impots: 'non_concerne',
          france_travail: 'non_concerne',
          ants: 'non_concerne',
        },
      }),
    );
    expect(scores.gestes).toBe(50);
    expect(scores.comptes).toBe(13);
    const none = Object.fromEntries(Object.keys(ACCOUNTS).map((k) => [k, 'non_concerne'])) as Answers['accounts'];
    expect(blockScores(autonomous({ accounts: none })).comptes).toBeNull();
  });
  it('connexion dans les lieux publics seulement : la moitié de la connexion', () => {
    expect(blockScores(autonomous({ connection: ['lieux_publics'] })).equipement).toBe(75);
    expect(blockScores(autonomous({ equipment: ['aucun'], connection: ['aucune'] })).equipement).toBe(0);
  });
  it('la note d’ensemble ignore les blocs non notés', () => {
    expect(overallScore({ equipement: 100, messagerie: 0, comptes: null, gestes: 50, langue: 100, confiance: 50 })).toBe(60);
  });
});

const scores = (overall: number, gestes = overall): BlockScores => ({
  equipement: overall,
  messagerie: overall,
  comptes: null,
  gestes,
  langue: overall,
  confiance: overall,
});

describe('le niveau de besoin', () => {
  it('urgence numérique sans appareil, sans connexion, en cas de refus ou sous 35', () => {
    expect(levelOf(autonomous({ equipment: ['aucun'] }), scores(90))).toBe('urgence');
    expect(levelOf(autonomous({ connection: ['aucune'] }), scores(90))).toBe('urgence');
    expect(levelOf(autonomous({ apprehension: 'refus' }), scores(90))).toBe('urgence');
    expect(levelOf(autonomous(), scores(34))).toBe('urgence');
    expect(levelOf(autonomous(), scores(35))).toBe('inclusion');
  });
  it('montée en compétences dès 75 si aucun bloc n’est sous 50', () => {
    expect(levelOf(autonomous(), scores(74))).toBe('inclusion');
    expect(levelOf(autonomous(), scores(75))).toBe('montee_en_competences');
    expect(levelOf(autonomous(), { ...scores(90), messagerie: 49 })).toBe('inclusion');
    expect(levelOf(autonomous(), { ...scores(90), messagerie: 50 })).toBe('montee_en_competences');
  });
});

describe('le niveau d’autonomie (Coop)', () => {
  it('avec guidage sous 45, guidage en cas de besoin de 45 à 79, autonome dès 80 avec les gestes acquis', () => {
    expect(autonomyOf(scores(44))).toBe('entierement_accompagne');
    expect(autonomyOf(scores(45))).toBe('partiellement_autonome');
    expect(autonomyOf(scores(79))).toBe('partiellement_autonome');
    expect(autonomyOf(scores(80))).toBe('autonome');
    expect(autonomyOf(scores(80, 74))).toBe('partiellement_autonome');
  });
  it('ne compte que l’usage : un bon équipement ne fait pas l’autonomie', () => {
    expect(autonomyOf({ equipement: 100, messagerie: 0, comptes: 25, gestes: 20, langue: 100, confiance: 100 })).toBe(
      'entierement_accompagne',
    );
    expect(autonomyOf({ equipement: 0, messagerie: 100, comptes: null, gestes: 80, langue: 0, confiance: 0 })).toBe('autonome');
  });
});

describe('les freins et le plan', () => {
  it('ne relève rien chez la personne autonome, sauf les causes côté institution', () => {
    expect(freinsOf(autonomous())).toEqual([]);
    expect(freinsOf(autonomous({ institutionCauses: ['institution_pas_de_contact'] }))).toEqual(['institution_pas_de_contact']);
  });
  it('relève chaque frein d’une personne très éloignée du numérique, et propose un plan', () => {
    const far = autonomous({
      equipment: ['aucun'],
      connection: ['aucune'],
      email: 'pas_d_adresse',
      accounts: {
        franceconnect: 'aucun',
        ameli: 'acces_perdu',
        caf: 'avec_aide',
        impots: 'aucun',
        france_travail: 'non_concerne',
        ants: 'non_concerne',
      },
      skills: allSkills('pas_encore'),
      reading: 'difficile',
      french: 'un_peu',
      apprehension: 'forte',
    });
    const result = resultOf(far);
    expect(result.freins).toEqual([
      'sans_appareil',
      'sans_connexion',
      'sans_messagerie',
      'acces_perdus',
      'comptes_a_creer',
      'gestes_de_base',
      'documents',
      'securite',
      'lecture_ecriture',
      'langue',
      'apprehension',
    ]);
    expect(result.level).toBe('urgence');
    expect(result.autonomy).toBe('entierement_accompagne');
    const plan = suggestSteps(far, result);
    expect(plan.map((s) => s.key)).toEqual([
      'urgence',
      'appareil',
      'connexion',
      'acces',
      'comptes',
      'messagerie',
      'gestes',
      'documents',
      'securite',
      'lecture',
      'langue',
      'confiance',
    ]);
    expect(plan.find((s) => s.key === 'acces')?.label).toBe('Retrouver l’accès aux comptes (ameli), sans jamais noter les mots de passe');
    expect(plan.find((s) => s.key === 'comptes')?.label).toBe('Créer ensemble les comptes en ligne (FranceConnect, impots.gouv)');
    expect(plan.find((s) => s.key === 'appareil')).toMatchObject({
      kind: 'lieu_formation',
      service: 'Acquisition de matériel informatique à prix solidaire',
    });
    expect(explain(result)).toMatch(/^Note d’ensemble \d+ sur 100 : urgence numérique\. Ce qui bloque : pas d’appareil personnel/);
  });
  it('propose d’aller plus loin à qui a la base', () => {
    const result = resultOf(autonomous());
    expect(result.level).toBe('montee_en_competences');
    expect(suggestSteps(autonomous(), result).map((s) => s.key)).toEqual(['approfondir']);
    expect(explain(result)).toBe('Note d’ensemble 100 sur 100 : montée en compétences. Aucun frein relevé du côté de la personne.');
  });
  it('ce qu’un pair-aidant peut transmettre : ce que la personne ne fait pas seule', () => {
    expect(skillsToLearn(autonomous())).toEqual([]);
    expect(
      skillsToLearn(autonomous({ email: 'avec_aide', skills: { ...allSkills('seul'), visio: 'avec_aide', pdf: 'pas_encore' } })),
    ).toEqual(['pdf', 'visio', 'messagerie']);
  });
});

describe('les réponses à vérifier', () => {
  it('signale « pas d’appareil » et « installe seule une application », sans bloquer', () => {
    const answers = autonomous({ equipment: ['aucun'] });
    expect(contradictions(answers)).toEqual([
      'Pas d’appareil, mais la personne utilise seule un appareil ou installe seule une application.',
    ]);
    expect(resultOf(answers).warnings).toHaveLength(1);
  });
  it('signale aussi l’absence de connexion, d’adresse e-mail, de lecture, et le refus contredits', () => {
    expect(contradictions(autonomous({ connection: ['aucune'] }))).toHaveLength(1);
    expect(contradictions(autonomous({ email: 'pas_d_adresse' }))).toHaveLength(1);
    expect(contradictions(autonomous({ reading: 'non' }))).toHaveLength(1);
    expect(contradictions(autonomous({ apprehension: 'refus' }))).toHaveLength(1);
    expect(contradictions(autonomous())).toEqual([]);
  });
});

describe('les formulaires du résultat et du plan', () => {
  it('un autre niveau se retient avec une raison', () => {
    expect(errorsOf(overrideSchema.safeParse({ level: 'inclusion', reason: '' }))).toEqual({
      reason: 'Dites en quelques mots pourquoi vous retenez un autre niveau.',
    });
    expect(errorsOf(overrideSchema.safeParse({ level: 'tres_urgent', reason: 'Parce que' }))).toEqual({
      level: 'Choisissez le niveau de besoin retenu.',
    });
    expect(overrideSchema.parse({ level: 'inclusion', reason: 'Sa fille l’aide chaque semaine' })).toEqual({
      level: 'inclusion',
      reason: 'Sa fille l’aide chaque semaine',
    });
  });
  it('une étape a un type et un intitulé ; lieu, pair-aidant et date sont facultatifs', () => {
    expect(errorsOf(stepSchema.safeParse({ label: 'x', dueOn: '2026-13-45' }))).toEqual({
      kind: 'Choisissez le type d’étape.',
      label: 'Décrivez l’étape en quelques mots.',
      dueOn: 'Indiquez une date réelle.',
    });
    expect(
      stepSchema.parse({ kind: 'atelier_collectif', label: 'Atelier e-mail', placeId: '', helperId: '', dueOn: '2026-12-10' }),
    ).toEqual({ kind: 'atelier_collectif', label: 'Atelier e-mail', placeId: null, helperId: null, dueOn: '2026-12-10' });
  });
  it('un pair-aidant donne son accord et au moins une compétence', () => {
    expect(errorsOf(helperSchema.safeParse({}))).toEqual({
      skills: 'Cochez au moins une compétence que la personne peut partager.',
      consent: 'La personne doit accepter d’être pair-aidante et que les médiateurs la contactent : cochez son accord.',
    });
    expect(helperSchema.parse({ skills: ['visio', 'messagerie'], availability: 'Le mardi matin', consent: 'oui' })).toEqual({
      skills: ['visio', 'messagerie'],
      availability: 'Le mardi matin',
      consent: 'oui',
    });
  });
});

describe('l’évolution entre deux diagnostics', () => {
  it('progrès ou recul dès 5 points, ou quand le niveau d’autonomie change', () => {
    const at = (
      overall: number,
      autonomy: 'entierement_accompagne' | 'partiellement_autonome' | 'autonome' = 'partiellement_autonome',
    ) => ({ overall, autonomy });
    expect(trendBetween(at(50), at(55))).toBe('progres');
    expect(trendBetween(at(50), at(54))).toBe('stable');
    expect(trendBetween(at(50), at(46))).toBe('stable');
    expect(trendBetween(at(50), at(45))).toBe('recul');
    expect(trendBetween(at(44, 'entierement_accompagne'), at(45))).toBe('progres');
    expect(trendBetween(at(80, 'autonome'), at(82, 'partiellement_autonome'))).toBe('recul');
  });
});

describe('la période de la progression', () => {
  const now = new Date('2026-12-02T15:00:00');
  it('par défaut, les douze derniers mois, aujourd’hui compris', () => {
    expect(periodOf(null, null, now)).toEqual({ from: new Date('2025-12-03T00:00:00'), to: new Date('2026-12-03T00:00:00'), notices: [] });
  });
  it('les deux dates sont incluses', () => {
    expect(periodOf('2026-01-01', '2026-06-30', now)).toEqual({
      from: new Date('2026-01-01T00:00:00'),
      to: new Date('2026-07-01T00:00:00'),
      notices: [],
    });
  });
  it('remet à l’endroit une période inversée et ignore une date illisible, avec un avis', () => {
    const inverted = periodOf('2026-06-30', '2026-01-01', now);
    expect([inverted.from, inverted.to]).toEqual([new Date('2026-01-01T00:00:00'), new Date('2026-07-01T00:00:00')]);
    expect(inverted.notices).toEqual(['La date de début venait après la date de fin : la période a été remise à l’endroit.']);
    expect(periodOf('31/12/2026', null, now).notices).toEqual(['La date de début « 31/12/2026 » n’est pas lisible : elle est ignorée.']);
  });
});
