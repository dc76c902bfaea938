import { data, Form, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/administration.motifs';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  optionsOf,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  feedbackOf,
} from '../../../ui/form';
import { catalogIn } from '../../reception/organisations.server';
import { addMotif, listMotifs, setMotifArchived } from '../motifs.server';
import { motifSchema } from '../rules';
import { BOOKABLE_BY, LOCATION_TYPES, MAX_HORIZONS, MIN_NOTICES } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Motifs de rendez-vous — Administration — Relais' }];

const LABELS = {
  name: 'Nom du motif',
  durationMinutes: 'Durée (en minutes)',
  locationType: 'Où se tient le rendez-vous',
  bookableBy: 'Qui peut prendre ce rendez-vous',
  minNoticeMinutes: 'Délai minimal avant le rendez-vous (prise en ligne)',
  maxDaysAhead: 'Jusqu’à quand réserver en ligne',
  organisation: 'Organisme concerné',
  instructions: 'Consignes données après la prise du rendez-vous',
};

async function activeOrganisations(tx: Parameters<typeof catalogIn>[0]) {
  return Object.entries(await catalogIn(tx))
    .filter(([, o]) => o.active)
    .map(([code, o]) => ({ value: code, label: o.label }));
}

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.parametrer');
  const [motifs, organisations] = await Promise.all([listMotifs(ctx.tx), activeOrganisations(ctx.tx)]);
  const labelOf = new Map(organisations.map((o) => [o.value, o.label]));
  return {
    motifs: motifs.map((m) => ({ ...m, organisationLabel: m.organisation ? (labelOf.get(m.organisation) ?? null) : null })),
    organisations,
  };
}

const toggleSchema = z.object({ motif: z.uuid(), retirer: z.enum(['oui', 'non']) });

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.parametrer');
  const form = await args.request.formData();
  if (form.get('intent') === 'ajouter') {
    const organisations = new Set((await activeOrganisations(ctx.tx)).map((o) => o.value));
    const parsed = parseForm(form, motifSchema(organisations));
    if (!parsed.ok) return formFailure(parsed.failure, { done: null });
    if (!(await addMotif(ctx, parsed.data)))
      return rejectForm(form, { name: 'Un motif porte déjà ce nom : choisissez-en un autre.' }, { done: null }, 409);
    return { errors: {}, values: {}, done: `Le motif « ${parsed.data.name} » est ajouté.` };
  }
  const toggle = toggleSchema.safeParse(Object.fromEntries(form));
  if (!toggle.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const outcome = await setMotifArchived(ctx, toggle.data.motif, toggle.data.retirer === 'oui');
  if (outcome === 'inconnu') throw data({ message: "Ce motif n'existe pas dans votre structure, ou a déjà changé." }, { status: 404 });
  if (outcome === 'doublon')
    throw data({ message: 'Un motif actif porte déjà ce nom : retirez-le avant de remettre celui-ci.' }, { status: 409 });
  return { errors: {}, values: {}, done: toggle.data.retirer === 'oui' ? 'Motif retiré : il ne se propose plus.' : 'Motif remis.' };
}

export default function Motifs() {
  const { motifs, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  return (
    <div className="fr-container fr-my-6w">
      <h1>Motifs de rendez-vous</h1>
      <p>
        Un motif dit combien de temps dure un rendez-vous, où il se tient et qui peut le prendre. Les habitants ne voient que les motifs
        ouverts aux habitants.
      </p>
      {result?.done && <Notice kind="success" title={result.done} />}
      <ErrorSummary errors={errors} labels={LABELS} />
      <section aria-labelledby="motifs" className="fr-mb-6w">
        <h2 id="motifs">Motifs de la structure</h2>
        {motifs.length === 0 ? (
          <p>Aucun motif pour l'instant : ajoutez le premier ci-dessous.</p>
        ) : (
          <ul className="relais-plain-list">
            {motifs.map((m) => (
              <li key={m.id} className="fr-mb-3w">
                <strong>{m.name}</strong>
                {m.archivedAt ? ' · retiré' : ''}
                <br />
                {m.durationMinutes} min · {LOCATION_TYPES[m.locationType]} · {BOOKABLE_BY[m.bookableBy]}
                {m.organisationLabel ? ` · ${m.organisationLabel}` : ''}
                {m.instructions && <p className="fr-text--sm fr-mb-0">Consignes : {m.instructions}</p>}
                <Form method="post" className="relais-inline-form">
                  <CsrfField />
                  <input type="hidden" name="motif" value={m.id} />
                  <input type="hidden" name="retirer" value={m.archivedAt ? 'non' : 'oui'} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                    {m.archivedAt ? 'Remettre' : 'Retirer'}
                    <span className="fr-sr-only"> le motif {m.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <p className="fr-text--sm">Un motif retiré ne se propose plus ; les rendez-vous passés le gardent.</p>
      </section>
      <section aria-labelledby="ajouter">
        <h2 id="ajouter">Ajouter un motif</h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="ajouter" />
          <TextField name="name" label={LABELS.name} required defaultValue={values.name} error={errors.name} />
          <TextField
            name="durationMinutes"
            label={LABELS.durationMinutes}
            hint="De 5 à 240 minutes, par pas de 5."
            type="number"
            inputMode="numeric"
            min={5}
            max={240}
            required
            defaultValue={values.durationMinutes ?? '30'}
            error={errors.durationMinutes}
          />
          <RadioGroup
            name="locationType"
            legend={LABELS.locationType}
            options={optionsOf(LOCATION_TYPES)}
            defaultValue={values.locationType ?? 'sur_place'}
            error={errors.locationType}
          />
          <RadioGroup
            name="bookableBy"
            legend={LABELS.bookableBy}
            options={optionsOf(BOOKABLE_BY)}
            defaultValue={values.bookableBy ?? 'agents'}
            error={errors.bookableBy}
          />
          <SelectField
            name="minNoticeMinutes"
            label={LABELS.minNoticeMinutes}
            options={optionsOf(MIN_NOTICES)}
            defaultValue={values.minNoticeMinutes ?? '30'}
            error={errors.minNoticeMinutes}
          />
          <SelectField
            name="maxDaysAhead"
            label={LABELS.maxDaysAhead}
            options={optionsOf(MAX_HORIZONS)}
            defaultValue={values.maxDaysAhead ?? '92'}
            error={errors.maxDaysAhead}
          />
          <SelectField
            name="organisation"
            label={LABELS.organisation}
            hint="Préremplit la sollicitation quand le rendez-vous est honoré."
            options={organisations}
            placeholder="Aucun en particulier"
            defaultValue={values.organisation}
            error={errors.organisation}
          />
          <TextAreaField
            name="instructions"
            label={LABELS.instructions}
            hint="Par exemple : « Apportez votre dernier avis d'impôt. » Jamais d'identifiant ni de mot de passe."
            defaultValue={values.instructions}
            error={errors.instructions}
          />
          <button className="fr-btn" type="submit">
            Ajouter le motif
          </button>
        </Form>
      </section>
    </div>
  );
}
