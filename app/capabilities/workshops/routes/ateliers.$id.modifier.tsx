// Modifier un atelier du catalogue (une faute dans le titre, une description à simplifier, une durée qui change) :
// les mêmes champs qu'à l'ajout, remplis. Les séances déjà programmées gardent leurs heures.
import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/ateliers.$id.modifier';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, feedbackOf } from '../../../ui/form';
import { updateWorkshop } from '../catalogue.server';
import { workshopRequest } from '../request.server';
import { workshopSchema } from '../rules';
import { WORKSHOP_LABELS, WorkshopFields } from '../ui/workshop-fields';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Modifier « ${data?.title ?? 'un atelier'} » — Ateliers — Relais` }];

export async function loader(args: Route.LoaderArgs) {
  const { workshop: w } = await workshopRequest(args);
  return {
    id: w.id,
    title: w.title,
    values: {
      title: w.title,
      theme: w.theme,
      skills: w.skills.join(','),
      level: w.level,
      description: w.description,
      durationMinutes: String(w.durationMinutes),
      toBring: w.toBring ?? '',
      prerequisites: w.prerequisites ?? '',
      cycleLength: String(w.cycleLength),
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, workshop } = await workshopRequest(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, workshopSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const outcome = await updateWorkshop(ctx, workshop.id, { ...parsed.data, description: parsed.data.description! });
  if (outcome === 'doublon')
    return rejectForm(form, { title: 'Un autre atelier du catalogue porte déjà ce titre : choisissez-en un autre.' }, {}, 409);
  throw redirect(`/ateliers/${workshop.id}?modifie=1`);
}

export default function EditWorkshop() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result, page.values);
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/ateliers/${page.id}`}>← {page.title}</Link>
      </p>
      <h1>Modifier l’atelier</h1>
      <p>Les séances déjà programmées gardent leurs heures ; les inscrits voient le nouveau titre et la nouvelle description.</p>
      <ErrorSummary errors={errors} labels={WORKSHOP_LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        <WorkshopFields values={values} errors={errors} />
        <button className="fr-btn" type="submit">
          Enregistrer
        </button>
      </Form>
    </div>
  );
}
