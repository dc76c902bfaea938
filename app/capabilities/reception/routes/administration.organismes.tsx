import { data, Form, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/administration.organismes';
import { localOrganisationSchema } from '../organisations';
import { addLocalOrganisation, catalogIn, setLocalOrganisationActive } from '../organisations.server';
import { THEMES } from '../../../vocabulary/coop';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, formValues, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, optionsOf, SelectField, TextField, feedbackOf } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Organismes — Administration — Relais' }];

const LABELS = { label: "Nom de l'organisme", theme: 'Thématique proposée' };

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'organismes.gerer');
  const catalog = await catalogIn(ctx.tx);
  const entries = Object.entries(catalog).map(([code, o]) => ({ code, ...o, themeLabel: o.theme ? THEMES[o.theme] : null }));
  return { local: entries.filter((o) => o.local), national: entries.filter((o) => !o.local) };
}

const toggleSchema = z.object({ code: z.string().min(1).max(80), active: z.enum(['oui', 'non']) });

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'organismes.gerer');
  const form = await args.request.formData();
  if (form.get('intent') === 'ajouter') {
    const parsed = parseForm(form, localOrganisationSchema(await catalogIn(ctx.tx)));
    if (!parsed.ok) return formFailure(parsed.failure, { done: null });
    const added = await addLocalOrganisation(ctx, parsed.data);
    if (!added)
      return data(
        { errors: { label: 'Cet organisme vient d’être ajouté par un autre agent.' }, values: formValues(form), done: null },
        { status: 409 },
      );
    return { errors: {}, values: {}, done: `« ${parsed.data.label} » est ajouté à la liste des organismes.` };
  }
  const toggle = toggleSchema.safeParse(Object.fromEntries(form));
  if (!toggle.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const changed = await setLocalOrganisationActive(ctx, toggle.data.code, toggle.data.active === 'oui');
  if (!changed) throw data({ message: "Cet organisme n'existe pas dans votre structure." }, { status: 404 });
  return {
    errors: {},
    values: {},
    done: toggle.data.active === 'oui' ? 'Organisme remis dans la liste.' : 'Organisme retiré de la liste.',
  };
}

export default function Organismes() {
  const { local, national } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result).values;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Organismes</h1>
      <p>
        La liste nationale des organismes est la même partout. Ajoutez-y ceux de votre territoire (une mission locale, un bailleur, une
        caisse…) : ils apparaissent dans les formulaires et les listes de votre structure.
      </p>
      {result?.done && <Notice kind="success" title={result.done} />}
      <ErrorSummary errors={errors} labels={LABELS} />
      <section aria-labelledby="ajouter" className="fr-mb-6w">
        <h2 id="ajouter">Ajouter un organisme</h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="ajouter" />
          <TextField name="label" label={LABELS.label} required defaultValue={values.label} error={errors.label} />
          <SelectField
            name="theme"
            label={LABELS.theme}
            hint="La thématique Coop proposée quand on choisit cet organisme ; le médiateur peut la corriger."
            options={optionsOf(THEMES)}
            placeholder="Aucune"
            defaultValue={values.theme}
            error={errors.theme}
          />
          <button className="fr-btn" type="submit">
            Ajouter
          </button>
        </Form>
      </section>
      <section aria-labelledby="locaux" className="fr-mb-6w">
        <h2 id="locaux">Organismes de votre structure</h2>
        {local.length === 0 ? (
          <p>Aucun pour l'instant.</p>
        ) : (
          <ul className="relais-plain-list">
            {local.map((o) => (
              <li key={o.code} className="fr-mb-2w">
                <strong>{o.label}</strong>
                {o.themeLabel ? ` · ${o.themeLabel}` : ''}
                {o.active ? '' : ' · retiré de la liste'}
                <Form method="post" className="relais-inline-form">
                  <CsrfField />
                  <input type="hidden" name="code" value={o.code} />
                  <input type="hidden" name="active" value={o.active ? 'non' : 'oui'} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary fr-ml-2w" type="submit">
                    {o.active ? 'Retirer' : 'Remettre'}
                    <span className="fr-sr-only"> {o.label}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <p className="fr-text--sm">Un organisme retiré ne se choisit plus, mais les sollicitations passées le gardent.</p>
      </section>
      <details>
        <summary>Liste nationale ({national.length} organismes)</summary>
        <ul>
          {national.map((o) => (
            <li key={o.code}>
              {o.label}
              {o.themeLabel ? ` · ${o.themeLabel}` : ''}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
