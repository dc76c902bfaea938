// « Faire le point seul » : la grille du diagnostic en FALC, que la personne remplit seule ; ses réponses attendent le
// médiateur (jamais un diagnostic). Une réponse qui manque est dite à côté de sa question, les autres restent cochées.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.faire-le-point';
import { requireResident, servicesOf } from '../../../platform/authorize.server';
import { languageCookie } from '../../../platform/cookies.server';
import { CsrfField } from '../../../ui/form';
import { accountField, formValuesOf, skillField } from '../../diagnosis/grid';
import {
  ACCOUNT_USE,
  APPREHENSION,
  CONNECTION,
  EMAIL,
  EQUIPMENT,
  FRENCH,
  READING,
  SKILL_LEVELS,
  WRITING,
} from '../../diagnosis/vocabulary';
import { formatDate, languageOf, type PortalKey } from '../i18n';
import { helpOf } from '../resident-pages.server';
import { readSelfAssessment, SELF_ACCOUNTS, SELF_FIELDS, SELF_SKILLS, skillsSummary, type SelfProblem } from '../self-assessment';
import { lastSelfAssessment, saveSelfAssessment } from '../self-assessments.server';
import { readResidentSession } from '../sessions.server';
import { BackToSpace, FieldError, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'point.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const last = await lastSelfAssessment(scope);
  return {
    saved: new URL(args.request.url).searchParams.get('enregistre') === '1',
    last: last ? { at: last.createdAt, values: formValuesOf(last.answers), summary: skillsSummary(last.answers) } : null,
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const form = await args.request.formData();
  const given = Object.fromEntries(
    SELF_FIELDS.map((field) => [
      field,
      form
        .getAll(field)
        .map((value) => String(value).slice(0, 50))
        .slice(0, 10),
    ]),
  );
  const result = readSelfAssessment(given);
  if (!result.ok) return data({ problems: result.problems, values: result.values }, { status: 400 });
  const cookie = await languageCookie(servicesOf(args.context).config.secureCookies).parse(args.request.headers.get('Cookie'));
  await saveSelfAssessment(scope, result.answers, result.overallScore, languageOf(cookie));
  throw redirect('/mon-espace/faire-le-point?enregistre=1');
}

export default function PortalSelfAssessment() {
  const { saved, last, help, sharedComputer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, timeZone } = usePortal();
  const problems: Partial<Record<string, SelfProblem>> = result?.problems ?? {};
  const chosen = (field: string): string[] => result?.values[field] ?? last?.values[field]?.split(',').filter(Boolean) ?? [];
  const missing = Object.keys(problems);

  const question = (field: string, legend: string, options: Record<string, string>, multiple = false) => {
    const problem = problems[field];
    return (
      <fieldset className="portail-choix" id={`q-${field}`} aria-describedby={problem ? `${field}-erreur` : undefined}>
        <legend>{legend}</legend>
        {multiple && <p className="portail-aide-champ">{t('point.plusieurs')}</p>}
        <FieldError id={`${field}-erreur`} message={problem ? t(`point.erreurs.${problem}`) : undefined} />
        {Object.entries(options).map(([value, label]) => (
          <div className="portail-case" key={value}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              id={`${field}-${value}`}
              name={field}
              value={value}
              defaultChecked={chosen(field).includes(value)}
            />
            <label htmlFor={`${field}-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
    );
  };
  const answersOf = <O extends object>(group: string, options: O) =>
    Object.fromEntries(Object.keys(options).map((value) => [value, t(`point.reponses.${group}.${value}` as PortalKey)]));

  if (saved && last) {
    const { alone, toLearn } = last.summary;
    return (
      <PortalFrame path="/mon-espace/faire-le-point" signedIn sharedComputer={sharedComputer} help={help}>
        <BackToSpace />
        <h1>{t('point.titre')}</h1>
        <p className="portail-alerte" role="status">
          {t('point.merci')}
        </p>
        <p>{t('point.merci_suite')}</p>
        <h2>{t('point.savez')}</h2>
        {alone.length === 0 ? (
          <p>{t('point.rien_seul')}</p>
        ) : (
          <ul>
            {alone.map((skill) => (
              <li key={skill}>{t(`point.gestes.${skill}`)}</li>
            ))}
          </ul>
        )}
        <h2>{t('point.apprendre')}</h2>
        {toLearn.length === 0 ? (
          <p>{t('point.tout_seul')}</p>
        ) : (
          <ul>
            {toLearn.map((skill) => (
              <li key={skill}>{t(`point.gestes.${skill}`)}</li>
            ))}
          </ul>
        )}
        <p>
          <a href="/mon-espace/faire-le-point">{t('point.refaire')}</a>
        </p>
      </PortalFrame>
    );
  }

  return (
    <PortalFrame path="/mon-espace/faire-le-point" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('point.titre')}</h1>
      {missing.length > 0 && (
        <div className="portail-alerte portail-alerte--erreur" role="alert">
          <p>{t('point.erreurs.resume', { count: missing.length })}</p>
          <ul>
            {missing.map((field) => (
              <li key={field}>
                <a href={`#q-${field}`}>{labelOf(field, t)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{t('point.intro')}</p>
      <p>{t('point.pour_qui')}</p>
      {last && <p>{t('point.deja', { date: formatDate(language, new Date(last.at), timeZone) })}</p>}
      <form method="post" noValidate>
        <CsrfField />
        <h2>{t('point.parties.appareils')}</h2>
        {question('equipement', t('point.questions.equipement'), answersOf('equipement', EQUIPMENT.options), true)}
        {question('connexion', t('point.questions.connexion'), answersOf('connexion', CONNECTION.options), true)}

        <h2>{t('point.parties.comptes')}</h2>
        {question('messagerie', t('point.questions.messagerie'), answersOf('messagerie', EMAIL.options))}
        {SELF_ACCOUNTS.map((account) => (
          <div key={account}>
            {question(accountField(account), labelOf(accountField(account), t), answersOf('compte', ACCOUNT_USE.options))}
          </div>
        ))}

        <h2>{t('point.parties.gestes')}</h2>
        <p>{t('point.gestes_intro')}</p>
        {SELF_SKILLS.map((skill) => (
          <div key={skill}>{question(skillField(skill), t(`point.gestes.${skill}`), answersOf('geste', SKILL_LEVELS))}</div>
        ))}

        <h2>{t('point.parties.langue')}</h2>
        {question('lecture', t('point.questions.lecture'), answersOf('lecture', READING.options))}
        {question('ecriture', t('point.questions.ecriture'), answersOf('ecriture', WRITING.options))}
        {question('francais', t('point.questions.francais'), answersOf('francais', FRENCH.options))}

        <h2>{t('point.parties.confiance')}</h2>
        {question('apprehension', t('point.questions.apprehension'), answersOf('apprehension', APPREHENSION.options))}

        <button type="submit" className="portail-bouton">
          {t('point.enregistrer')}
        </button>
      </form>
    </PortalFrame>
  );
}

/** La question d'un champ, pour la liste des réponses qui manquent. */
function labelOf(field: string, t: ReturnType<typeof usePortal>['t']) {
  const account = SELF_ACCOUNTS.find((a) => accountField(a) === field);
  if (account) return t('point.questions.compte', { name: t(`point.comptes.${account}`) });
  const skill = SELF_SKILLS.find((s) => skillField(s) === field);
  if (skill) return t(`point.gestes.${skill}`);
  return t(`point.questions.${field}` as PortalKey);
}
