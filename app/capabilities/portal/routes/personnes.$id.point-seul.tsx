// Côté médiateur : les points que la personne a faits seule depuis son espace, question par question, dans les mots
// de la grille. Ce n'est pas un diagnostic : le médiateur les reprend dans la grille avec elle, ou les marque vus.
import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.point-seul';
import { requireAgent } from '../../../platform/authorize.server';
import { rejectForm } from '../../../platform/forms.server';
import { isId, notFound, requireIdParam } from '../../../platform/http.server';
import { dateFormat } from '../../../platform/time';
import { ofName } from '../../../platform/text';
import { CsrfField, ErrorSummary, Notice, feedbackOf } from '../../../ui/form';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import type { Answers } from '../../diagnosis/grid';
import {
  ACCOUNT_USE,
  ACCOUNTS,
  APPREHENSION,
  CONNECTION,
  EMAIL,
  EQUIPMENT,
  FRENCH,
  READING,
  SKILL_LEVELS,
  SKILLS,
  WRITING,
} from '../../diagnosis/vocabulary';
import { SELF_ACCOUNTS, SELF_SKILLS } from '../self-assessment';
import { markSelfAssessmentReviewed, selfAssessmentsOf } from '../self-assessments.server';

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Points faits seul(e) ${ofName(data?.person.label ?? 'la personne')} — Relais` },
];

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const LANGUAGE_NAMES: Record<string, string> = { fr: 'français', en: 'anglais', ar: 'arabe' };

/** Chaque réponse dans les mots du médiateur : la question de la grille et l'option choisie. */
function linesOf(a: Answers): Array<[string, string]> {
  const of = (options: Record<string, string>, value: string) => options[value] ?? value;
  return [
    [EQUIPMENT.label, a.equipment.map((d) => of(EQUIPMENT.options, d)).join(', ')],
    [CONNECTION.label, a.connection.map((c) => of(CONNECTION.options, c)).join(', ')],
    [EMAIL.label, of(EMAIL.options, a.email)],
    ...SELF_ACCOUNTS.map((account): [string, string] => [`Compte ${ACCOUNTS[account]}`, of(ACCOUNT_USE.options, a.accounts[account])]),
    ...SELF_SKILLS.map((skill): [string, string] => [SKILLS[skill].label, of(SKILL_LEVELS, a.skills[skill])]),
    [READING.label, of(READING.options, a.reading)],
    [WRITING.label, of(WRITING.options, a.writing)],
    [FRENCH.label, of(FRENCH.options, a.french)],
    [APPREHENSION.label, of(APPREHENSION.options, a.apprehension)],
  ];
}

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const found = await selfAssessmentsOf(ctx, id);
  if (!found) throw notFound(PERSON_NOT_FOUND);
  return {
    person: found.person,
    reviewed: new URL(args.request.url).searchParams.get('vu') === '1',
    assessments: found.assessments.map((s) => ({
      id: s.id,
      at: when.format(s.createdAt),
      language: LANGUAGE_NAMES[s.language] ?? s.language,
      overall: s.overallScore,
      reviewed: s.reviewedAt ? `Vu le ${when.format(s.reviewedAt)} par ${s.reviewedBy ?? 'un agent'}` : null,
      lines: linesOf(s.answers),
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const form = await args.request.formData();
  const assessmentId = String(form.get('point') ?? '');
  const valid = isId(assessmentId) && (await markSelfAssessmentReviewed(ctx, id, assessmentId));
  if (!valid) return rejectForm(form, { formulaire: 'Ce point n’est pas à voir pour cette personne : il est peut-être déjà marqué vu.' });
  throw redirect(`/personnes/${id}/point-seul?vu=1`);
}

export default function SelfAssessmentsOfPerson() {
  const { person, reviewed, assessments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}/parcours`}>Parcours de {person.label}</Link>
      </p>
      <h1>Points faits seul(e) par {person.label}</h1>
      <p>
        Depuis son espace personnel, la personne a répondu seule à la grille du diagnostic, en mots simples. Ce n'est pas un diagnostic :
        reprenez ses réponses avec elle dans la grille, puis enregistrez le diagnostic.
      </p>
      {reviewed && <Notice kind="success" title="Point marqué vu." />}
      <ErrorSummary errors={feedbackOf(result).errors} labels={{}} />
      {assessments.length === 0 ? (
        <p>La personne n'a pas encore fait le point seule.</p>
      ) : (
        assessments.map((s) => (
          <section key={s.id} className="fr-mb-6w" aria-labelledby={`point-${s.id}`}>
            <h2 className="fr-h4" id={`point-${s.id}`}>
              Le {s.at}
            </h2>
            <p>
              Répondu en {s.language}. Note calculée sur ses réponses : {s.overall} sur 100 (indicative, jamais comptée dans sa
              progression).
            </p>
            {s.reviewed ? (
              <p>
                <span className="fr-badge fr-badge--success fr-badge--sm">{s.reviewed}</span>
              </p>
            ) : (
              <p>
                <span className="fr-badge fr-badge--new fr-badge--sm">À voir avec la personne</span>
              </p>
            )}
            <div className="fr-table relais-table-wrap">
              <table tabIndex={0}>
                <caption>Ses réponses du {s.at}</caption>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Sa réponse</th>
                  </tr>
                </thead>
                <tbody>
                  {s.lines.map(([question, answer]) => (
                    <tr key={question}>
                      <th scope="row">{question}</th>
                      <td>{answer}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <Link className="fr-btn" to={`/personnes/${person.id}/diagnostic?point=${s.id}`}>
                  Reprendre dans un diagnostic<span className="fr-sr-only"> (réponses du {s.at})</span>
                </Link>
              </li>
              {!s.reviewed && (
                <li>
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="point" value={s.id} />
                    <button type="submit" className="fr-btn fr-btn--secondary">
                      Marquer comme vu<span className="fr-sr-only"> (point du {s.at})</span>
                    </button>
                  </Form>
                </li>
              )}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
