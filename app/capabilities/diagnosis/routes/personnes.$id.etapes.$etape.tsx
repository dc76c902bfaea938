import { data, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.etapes.$etape';
import { journeyRequest } from '../journey-request.server';
import { updateStep } from '../plan.server';
import { stepSchema } from '../rules';
import { StepForm } from '../ui/step-form';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { feedbackOf } from '../../../ui/form';
import { STEP_NOT_FOUND } from '../errors';
import { notFound } from '../../../platform/http.server';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Modifier une étape — ${data?.person.label ?? 'la personne'} — Relais` }];

async function stepOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const { ctx, journey } = await journeyRequest(args);
  const step = journey.steps.find((s) => s.id === args.params.etape);
  if (!step) throw notFound(STEP_NOT_FOUND);
  return { ctx, journey, step };
}

export async function loader(args: Route.LoaderArgs) {
  const { journey, step } = await stepOf(args);
  return {
    person: journey.person,
    places: journey.places,
    helpers: journey.helpers,
    values: {
      kind: step.kind,
      label: step.label,
      placeId: step.placeId ?? '',
      helperId: step.helperPersonId ?? '',
      dueOn: step.dueOn ?? '',
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, journey, step } = await stepOf(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, stepSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const updated = await updateStep(ctx, journey.person.id, step.id, parsed.data);
  if (!updated) throw data({ message: STEP_NOT_FOUND }, { status: 404 });
  if (!updated.ok) return rejectForm(form, { [updated.field]: updated.message });
  throw redirect(`/personnes/${journey.person.id}/parcours?etape=modifiee#plan`);
}

export default function ModifierEtape() {
  const { person, places, helpers, values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}/parcours`}>Parcours de {person.label}</Link>
      </p>
      <h1>Modifier une étape du plan de {person.label}</h1>
      <StepForm
        submit="Enregistrer l'étape"
        places={places}
        helpers={helpers}
        values={feedbackOf(result, initial).values}
        errors={feedbackOf(result).errors}
      />
    </div>
  );
}
