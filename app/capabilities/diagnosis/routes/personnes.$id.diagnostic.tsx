import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.diagnostic';
import { createDiagnosis, gridContext } from '../diagnoses.server';
import { markSelfAssessmentReviewed, selfAssessmentAnswers } from '../../portal/self-assessments.server';
import { accountField, FIELD_LABELS, formValuesOf, gridSchema, skillField } from '../grid';
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
  type Question,
} from '../vocabulary';
import { PERSON_NOT_FOUND } from '../../reception/errors';

const SELF_ASSESSMENT_NOT_FOUND = 'Ce point fait seul n’existe pas pour cette personne.';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  Notice,
  optionsOf,
  RadioGroup,
  TextAreaField,
  TextField,
  feedbackOf,
} from '../../../ui/form';
import { isId, notFound, requireIdParam } from '../../../platform/http.server';
import { dateFormat } from '../../../platform/time';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Diagnostic ${ofName(data?.person.label ?? 'la personne')} — Relais` }];

const day = dateFormat({ dateStyle: 'long' });

async function contextOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const agent = ctx.actor;
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const context = await gridContext(ctx, id);
  if (!context) throw notFound(PERSON_NOT_FOUND);
  return { ctx, agent, context };
}

export async function loader(args: Route.LoaderArgs) {
  const { ctx, context } = await contextOf(args);
  // « Reprendre dans un diagnostic » depuis un point fait seul par la personne : ses réponses, à vérifier avec elle.
  const pointId = new URL(args.request.url).searchParams.get('point');
  const point = pointId ? await selfAssessmentAnswers(ctx, context.person.id, requireIdParam(pointId, SELF_ASSESSMENT_NOT_FOUND)) : null;
  if (pointId && !point) throw notFound(SELF_ASSESSMENT_NOT_FOUND);
  return {
    person: context.person,
    previousAt: context.previous ? day.format(context.previous.at) : null,
    point: point && pointId ? { id: pointId, at: day.format(point.at) } : null,
    values: point ? { ...formValuesOf(point.answers), causes: '' } : context.previous ? formValuesOf(context.previous.answers) : {},
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, context } = await contextOf(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, gridSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const id = await createDiagnosis(ctx, context.person.id, parsed.data);
  if (!id) throw notFound(PERSON_NOT_FOUND);
  // Le point fait seul qui a servi de départ est vu : le diagnostic l'a repris avec la personne.
  const pointId = String(form.get('point') ?? '');
  if (isId(pointId)) await markSelfAssessmentReviewed(ctx, context.person.id, pointId);
  throw redirect(`/diagnostics/${id}?enregistre=1`);
}

/** Le libellé du médiateur, et la question telle que la personne la lira seule (FALC). */
const forPerson = (falc: string) => `Pour la personne : « ${falc} »`;

export default function Diagnostic() {
  const { person, previousAt, point, values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result, initial).values;
  const list = (name: string) => (values[name] ? values[name].split(',') : []);
  const radio = (name: string, q: Pick<Question, 'label' | 'falc' | 'options'>, inline = false) => (
    <RadioGroup
      name={name}
      legend={q.label}
      hint={forPerson(q.falc)}
      options={optionsOf(q.options)}
      defaultValue={values[name]}
      error={errors[name]}
      inline={inline}
    />
  );
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}`}>Fiche de {person.label}</Link>
      </p>
      <h1>Diagnostic de {person.label}</h1>
      <p>
        Cinq minutes, avec la personne : ce qu'elle a, ce qu'elle sait faire seule, ce qui la bloque. Chaque question est aussi écrite en
        mots simples, pour la lui lire ou qu'elle y réponde seule. Ne notez jamais un mot de passe ni un identifiant.
      </p>
      {point && !result && (
        <Notice kind="info" title={`Réponses reprises du point fait seul par la personne le ${point.at}`}>
          Relisez chaque réponse avec elle et corrigez ce qui ne va pas : c'est le diagnostic enregistré qui compte.
        </Notice>
      )}
      {previousAt && !point && !result && (
        <Notice kind="info" title={`Réponses reprises du diagnostic du ${previousAt}`}>
          Changez ce qui a évolué depuis : le nouveau diagnostic sera comparé au précédent.
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={FIELD_LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        {point && <input type="hidden" name="point" value={point.id} />}
        <h2 className="fr-h4">Équipement et connexion</h2>
        <CheckboxGroup
          name="equipement"
          legend={EQUIPMENT.label}
          hint={forPerson(EQUIPMENT.falc)}
          options={optionsOf(EQUIPMENT.options)}
          defaultValues={list('equipement')}
          error={errors.equipement}
        />
        <CheckboxGroup
          name="connexion"
          legend={CONNECTION.label}
          hint={forPerson(CONNECTION.falc)}
          options={optionsOf(CONNECTION.options)}
          defaultValues={list('connexion')}
          error={errors.connexion}
          inline={false}
        />

        <h2 className="fr-h4">Messagerie et comptes en ligne</h2>
        {radio('messagerie', EMAIL)}
        {(Object.keys(ACCOUNTS) as Array<keyof typeof ACCOUNTS>).map((account) => (
          <div key={account}>
            {radio(
              accountField(account),
              {
                ...ACCOUNT_USE,
                label: `Compte ${ACCOUNTS[account]}`,
                falc: `Avez-vous un compte ${ACCOUNTS[account]} ? Arrivez-vous à vous connecter ?`,
              },
              true,
            )}
          </div>
        ))}

        <h2 className="fr-h4">Gestes de base</h2>
        <p className="fr-hint-text">Pour chaque geste : seul(e), avec de l'aide, ou pas encore.</p>
        {(Object.keys(SKILLS) as Array<keyof typeof SKILLS>).map((skill) => (
          <div key={skill}>
            {radio(
              skillField(skill),
              { label: SKILLS[skill].label, falc: `${SKILLS[skill].falc} : vous savez le faire ?`, options: SKILL_LEVELS },
              true,
            )}
          </div>
        ))}

        <h2 className="fr-h4">Lecture, écriture, langue</h2>
        {radio('lecture', READING, true)}
        {radio('ecriture', WRITING, true)}
        {radio('francais', FRENCH, true)}
        <TextField
          name="autreLangue"
          label={FIELD_LABELS.autreLangue!}
          hint="Facultatif : la langue dans laquelle la personne est le plus à l'aise."
          defaultValue={values.autreLangue}
          error={errors.autreLangue}
        />

        <h2 className="fr-h4">Confiance</h2>
        {radio('apprehension', APPREHENSION, true)}

        <h2 className="fr-h4">Du côté de l'institution</h2>
        <CheckboxGroup
          name="causes"
          legend={FIELD_LABELS.causes!}
          hint="Facultatif : ce qui bloque sans être du fait de la personne."
          options={optionsOf(INSTITUTION_CAUSES)}
          defaultValues={list('causes')}
          error={errors.causes}
          inline={false}
        />
        <TextAreaField
          name="commentaire"
          label="Commentaire"
          hint="Facultatif. Jamais de mot de passe ni d'identifiant."
          defaultValue={values.commentaire}
          error={errors.commentaire}
        />
        <button className="fr-btn" type="submit">
          Enregistrer le diagnostic
        </button>
      </Form>
    </div>
  );
}
