import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/lieux.$id.modifier';
import { organisationOptions } from '../labels';
import { readPlaceForm, valuesOfPlace } from '../place-form.server';
import { listPartnerStructures, nationalPlaceOf, readPlace, updatePlace } from '../places.server';
import { PlaceForm } from '../ui/place-form';
import { catalogIn } from '../../reception/organisations.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { localDay } from '../../../platform/time';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { PLACE_NOT_FOUND } from '../errors';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Modifier ${data?.name ?? 'le lieu'} — Annuaire — Relais` }];

async function placeOf(args: Route.LoaderArgs | Route.ActionArgs, ctx: Parameters<typeof readPlace>[0]) {
  const id = requireIdParam(args.params.id, PLACE_NOT_FOUND);
  const row = await readPlace(ctx, id);
  if (!row) throw notFound(PLACE_NOT_FOUND);
  return row;
}

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const row = await placeOf(args, ctx);
  const catalog = await catalogIn(ctx.tx);
  const partners = await listPartnerStructures(ctx);
  return {
    name: row.name,
    values: valuesOfPlace(nationalPlaceOf(row), row),
    organisations: organisationOptions(catalog),
    partners: partners.map((p) => ({ value: p.id, label: p.name })),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const services = servicesOf(args.context);
  const row = await placeOf(args, ctx);
  const catalog = await catalogIn(ctx.tx);
  const today = localDay(services.now());
  const partnerIds = (await listPartnerStructures(ctx)).map((p) => p.id);
  const reading = readPlaceForm(
    await args.request.formData(),
    { nationalId: row.nationalId, updatedOn: today, source: row.source },
    catalog,
    partnerIds,
  );
  if (!reading.ok) return data(reading, { status: 400 });
  const saved = await updatePlace(ctx, row.id, reading.place, reading.extras);
  if (!saved.ok) throw notFound(PLACE_NOT_FOUND);
  return redirect(`/lieux/${row.id}?enregistre=1`);
}

export default function ModifierLieu() {
  const { name, values, organisations, partners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Modifier « {name} »</h1>
      <PlaceForm
        values={result?.values ?? values}
        errors={result?.errors ?? {}}
        warnings={result?.warnings ?? []}
        organisations={organisations}
        partners={partners}
        submitLabel="Enregistrer les modifications"
      />
    </div>
  );
}
