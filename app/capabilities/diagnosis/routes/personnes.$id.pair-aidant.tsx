import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.pair-aidant';
import { journeyRequest } from '../journey-request.server';
import { removePeerHelper, setPeerHelper } from '../peer-helpers.server';
import { helperSchema } from '../rules';
import { HELPER_SKILLS } from '../vocabulary';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { CheckboxGroup, CsrfField, ErrorSummary, optionsOf, TextField, feedbackOf } from '../../../ui/form';
import { notFound } from '../../../platform/http.server';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Pair-aidant — ${data?.person.label ?? 'la personne'} — Relais` }];

const LABELS = { skills: 'Ce que la personne peut partager', availability: 'Disponibilités', consent: 'Accord de la personne' };

export async function loader(args: Route.LoaderArgs) {
  const { journey } = await journeyRequest(args);
  const helper = journey.isHelper;
  return {
    person: journey.person,
    isHelper: Boolean(helper),
    values: { skills: helper?.skills.join(',') ?? '', availability: helper?.availability ?? '', consent: helper ? 'oui' : '' } as Record<
      string,
      string
    >,
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, journey } = await journeyRequest(args);
  const form = await args.request.formData();
  if (form.get('intent') === 'retirer') {
    await removePeerHelper(ctx, journey.person.id);
    throw redirect(`/personnes/${journey.person.id}/parcours`);
  }
  const parsed = parseForm(form, helperSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  if (!(await setPeerHelper(ctx, journey.person.id, parsed.data))) throw notFound(PERSON_NOT_FOUND);
  throw redirect(`/personnes/${journey.person.id}/parcours`);
}

export default function PairAidant() {
  const { person, isHelper, values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result, initial).values;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}/parcours`}>Parcours de {person.label}</Link>
      </p>
      <h1>{isHelper ? `${person.label}, pair-aidant(e)` : `${person.label} devient pair-aidant(e)`}</h1>
      <p>
        Un pair-aidant est un habitant qui a appris et accepte d'aider d'autres personnes, à son rythme. Les médiateurs de la structure le
        trouvent par ce qu'il sait faire et le mettent en relation ; il ne voit rien des personnes qu'il aide hors de ce qu'elles lui
        disent.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        <CheckboxGroup
          name="skills"
          legend={LABELS.skills}
          options={optionsOf(HELPER_SKILLS)}
          defaultValues={values.skills ? values.skills.split(',') : []}
          error={errors.skills}
          inline={false}
        />
        <TextField
          name="availability"
          label={LABELS.availability}
          hint="Facultatif : par exemple « le mardi matin, à la médiathèque »."
          defaultValue={values.availability}
          error={errors.availability}
        />
        <CheckboxGroup
          name="consent"
          legend={LABELS.consent}
          options={[
            {
              value: 'oui',
              label: `${person.label} accepte d'être pair-aidant(e) et que les médiateurs le ou la contactent pour aider quelqu'un`,
            },
          ]}
          defaultValues={values.consent ? [values.consent] : []}
          error={errors.consent}
          inline={false}
        />
        <button className="fr-btn" type="submit">
          Enregistrer
        </button>
      </Form>
      {isHelper && (
        <Form method="post" className="fr-mt-3w">
          <CsrfField />
          <input type="hidden" name="intent" value="retirer" />
          <button className="fr-btn fr-btn--tertiary" type="submit">
            La personne retire son accord : ne plus la proposer
          </button>
        </Form>
      )}
    </div>
  );
}
