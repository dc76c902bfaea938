import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/personnes.$id.mandats.nouveau';
import { createMandate, readMandate } from '../mandates.server';
import { mandateSchema } from '../rules';
import { ConsentFields } from '../ui/consent-fields';
import { AREAS, DURATIONS } from '../vocabulary';
import { readPersonSummary } from '../../reception/person-summary.server';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, feedbackOf } from '../../../ui/form';
import { notFound, requireIdParam } from '../../../platform/http.server';

export const meta: Route.MetaFunction = () => [{ title: 'Nouveau mandat — Relais' }];

const LABELS = { areas: 'Domaines', duration: 'Durée', consent: 'Information de la personne', protection: 'Mesure de protection' };
const areaOptions = Object.entries(AREAS).map(([value, a]) => ({ value, label: `${a.label} — ${a.detail}` }));
const durationOptions = Object.entries(DURATIONS).map(([value, d]) => ({ value, label: d.label }));

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const person = await readPersonSummary(ctx, id);
  if (!person) throw notFound(PERSON_NOT_FOUND);
  // Renouveler : les domaines et la durée du mandat précédent, l'accord est redemandé.
  const renewal = z.uuid().safeParse(new URL(args.request.url).searchParams.get('renouvelle'));
  const previous = renewal.success ? await readMandate(ctx, renewal.data) : null;
  if (renewal.success && previous?.person.id !== person.id)
    throw data({ message: "Ce mandat n'existe pas pour cette personne." }, { status: 404 });
  return {
    person,
    renewalOf: previous?.mandate.id ?? null,
    values: previous ? { areas: previous.mandate.areas.join(','), duration: previous.mandate.duration } : { duration: 'un_mois' },
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const form = await args.request.formData();
  const parsed = parseForm(form, mandateSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const renewalOf = z.uuid().safeParse(form.get('renouvelle'));
  const mandateId = await createMandate(ctx, id, parsed.data, renewalOf.success ? renewalOf.data : null);
  if (!mandateId) throw notFound(PERSON_NOT_FOUND);
  throw redirect(`/mandats/${mandateId}?cree=1`);
}

export default function NouveauMandat() {
  const { person, renewalOf, values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result, initial).values;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}/mandats`}>Mandats de {person.label}</Link>
      </p>
      <h1>
        {renewalOf ? 'Renouveler le mandat' : 'Nouveau mandat'} de {person.label}
      </h1>
      <p>
        Un mandat permet de faire à la place de la personne les démarches qu'elle choisit, et seulement celles-là. Préférez toujours faire{' '}
        <em>avec</em> elle. Le mandat devient actif une fois signé.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        {renewalOf && <input type="hidden" name="renouvelle" value={renewalOf} />}
        <CheckboxGroup
          name="areas"
          legend="Domaines de démarches (au moins un)"
          options={areaOptions}
          inline={false}
          defaultValues={values.areas?.split(',') ?? []}
          error={errors.areas}
        />
        <RadioGroup
          name="duration"
          legend="Durée, à partir de la signature"
          options={durationOptions}
          defaultValue={values.duration}
          error={errors.duration}
        />
        <ConsentFields names={{ consent: 'consent', protection: 'protection' }} values={values} errors={errors} />
        <button className="fr-btn" type="submit">
          Établir le mandat
        </button>
      </Form>
    </div>
  );
}
