// Le formulaire de la grille : un nom de champ par question, un message français par question sans réponse,
// et la forme rangée en base (`Answers`). Fonctions pures, testées dans rules.test.ts.
import { z } from 'zod';
import { checkboxes, choice, freeText } from '../../platform/fields';
import {
  ACCOUNT_USE,
  ACCOUNTS,
  APPREHENSION,
  CONNECTION,
  EMAIL,
  EQUIPMENT,
  FRENCH,
  INSTITUTION_CAUSES,
  READING,
  SKILL_LEVELS,
  SKILLS,
  WRITING,
  type Account,
  type AccountUse,
  type Apprehension,
  type Connection,
  type Device,
  type EmailUse,
  type French,
  type InstitutionCause,
  type Literacy,
  type Skill,
  type SkillLevel,
} from './vocabulary';

export interface Answers {
  equipment: Device[];
  connection: Connection[];
  email: EmailUse;
  accounts: Record<Account, AccountUse>;
  skills: Record<Skill, SkillLevel>;
  reading: Literacy;
  writing: Literacy;
  french: French;
  otherLanguage: string | null;
  apprehension: Apprehension;
  institutionCauses: InstitutionCause[];
}

export const accountField = (account: Account) => `compte_${account}`;
export const skillField = (skill: Skill) => `geste_${skill}`;

const accountKeys = Object.keys(ACCOUNTS) as Account[];
const skillKeys = Object.keys(SKILLS) as Skill[];

/** Les libellés des champs, pour le récapitulatif d'erreurs en tête du formulaire. */
export const FIELD_LABELS: Record<string, string> = {
  equipement: EQUIPMENT.label,
  connexion: CONNECTION.label,
  messagerie: EMAIL.label,
  ...Object.fromEntries(accountKeys.map((a) => [accountField(a), `Compte ${ACCOUNTS[a]}`])),
  ...Object.fromEntries(skillKeys.map((s) => [skillField(s), SKILLS[s].label])),
  lecture: READING.label,
  ecriture: WRITING.label,
  francais: FRENCH.label,
  autreLangue: 'Autre langue parlée',
  apprehension: APPREHENSION.label,
  causes: 'Causes du côté de l’institution',
  commentaire: 'Commentaire',
};

/** Au moins une case, et la case « aucun » seule : vérifié sur le champ, pour s'afficher avec les autres erreurs. */
const someOrNone = <T extends z.ZodType>(item: T, none: string, empty: string, both: string) =>
  checkboxes(item)
    .refine((list) => list.length > 0, empty)
    .refine((list) => !(list as unknown[]).includes(none) || list.length === 1, both);

export const gridSchema = z
  .object({
    equipement: someOrNone(
      choice(EQUIPMENT.options, 'Choisissez un appareil de la liste.'),
      'aucun',
      'Cochez les appareils de la personne, ou « Aucun appareil ».',
      '« Aucun appareil » ne se coche pas avec un appareil : décochez l’un ou l’autre.',
    ),
    connexion: someOrNone(
      choice(CONNECTION.options, 'Choisissez une connexion de la liste.'),
      'aucune',
      'Cochez comment la personne va sur internet, ou « Aucune connexion ».',
      '« Aucune connexion » ne se coche pas avec une connexion : décochez l’un ou l’autre.',
    ),
    messagerie: choice(EMAIL.options, 'Dites si la personne a une adresse e-mail et si elle l’ouvre seule.'),
    ...Object.fromEntries(
      accountKeys.map((a) => [
        accountField(a),
        choice(ACCOUNT_USE.options, `Dites où en est la personne avec son compte ${ACCOUNTS[a]} (ou « Pas concerné(e) »).`),
      ]),
    ),
    ...Object.fromEntries(
      skillKeys.map((s) => [
        skillField(s),
        choice(SKILL_LEVELS, `Répondez « seul(e) », « avec de l’aide » ou « pas encore » : ${SKILLS[s].label.toLowerCase()}.`),
      ]),
    ),
    lecture: choice(READING.options, 'Dites si lire le français est facile, difficile ou impossible pour la personne.'),
    ecriture: choice(WRITING.options, 'Dites si écrire le français est facile, difficile ou impossible pour la personne.'),
    francais: choice(FRENCH.options, 'Dites si la personne parle français au quotidien.'),
    autreLangue: freeText(60, 'La langue'),
    apprehension: choice(APPREHENSION.options, 'Dites si le numérique fait peur à la personne.'),
    causes: checkboxes(choice(INSTITUTION_CAUSES, 'Choisissez une cause de la liste.')),
    commentaire: freeText(1000, 'Le commentaire'),
  })
  .transform((form) => {
    const f = form as Record<string, unknown>;
    return {
      answers: {
        equipment: f.equipement as Device[],
        connection: f.connexion as Connection[],
        email: f.messagerie as EmailUse,
        accounts: Object.fromEntries(accountKeys.map((a) => [a, f[accountField(a)]])) as Record<Account, AccountUse>,
        skills: Object.fromEntries(skillKeys.map((s) => [s, f[skillField(s)]])) as Record<Skill, SkillLevel>,
        reading: f.lecture as Literacy,
        writing: f.ecriture as Literacy,
        french: f.francais as French,
        otherLanguage: f.autreLangue as string | null,
        apprehension: f.apprehension as Apprehension,
        institutionCauses: f.causes as InstitutionCause[],
      } satisfies Answers,
      comment: f.commentaire as string | null,
    };
  });
export type GridInput = z.infer<typeof gridSchema>;

/** Les réponses d'un diagnostic, remises en valeurs de formulaire (pour reprendre la grille précédente). */
export function formValuesOf(answers: Answers): Record<string, string> {
  return {
    equipement: answers.equipment.join(','),
    connexion: answers.connection.join(','),
    messagerie: answers.email,
    ...Object.fromEntries(accountKeys.map((a) => [accountField(a), answers.accounts[a]])),
    ...Object.fromEntries(skillKeys.map((s) => [skillField(s), answers.skills[s]])),
    lecture: answers.reading,
    ecriture: answers.writing,
    francais: answers.french,
    autreLangue: answers.otherLanguage ?? '',
    apprehension: answers.apprehension,
    causes: answers.institutionCauses.join(','),
  };
}
