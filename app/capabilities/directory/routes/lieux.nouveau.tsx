import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/lieux.nouveau';
import { organisationOptions } from '../labels';
import { readPlaceForm } from '../place-form.server';
import { createPlace, listPartnerStructures } from '../places.server';
import { PlaceForm } from '../ui/place-form';
import { catalogIn } from '../../reception/organisations.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { localDay } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Nouveau lieu — Annuaire — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const partners = await listPartnerStructures(ctx);
  return { organisations: organisationOptions(await catalogIn(ctx.tx)), partners: partners.map((p) => ({ value: p.id, label: p.name })) };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const catalog = await catalogIn(ctx.tx);
  const today = localDay(services.now());
  // L'identifiant national d'un lieu créé dans Relais est son identifiant Relais (attribué à l'enregistrement).
  const partnerIds = (await listPartnerStructures(ctx)).map((p) => p.id);
  const reading = readPlaceForm(
    await args.request.formData(),
    { nationalId: 'nouveau', updatedOn: today, source: agent.structureName },
    catalog,
    partnerIds,
  );
  if (!reading.ok) return data(reading, { status: 400 });
  const { nationalId: _placeholder, ...place } = reading.place;
  const saved = await createPlace(ctx, place, reading.extras);
  if (!saved.ok) throw new Error(`Lieu non créé : ${saved.error}`);
  return redirect(`/lieux/${saved.id}?enregistre=1`);
}

export default function NouveauLieu() {
  const { organisations, partners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Nouveau lieu</h1>
      <p>Les champs suivent le schéma national des lieux de médiation numérique : le lieu pourra être exporté tel quel.</p>
      <PlaceForm
        values={result?.values ?? {}}
        errors={result?.errors ?? {}}
        warnings={result?.warnings ?? []}
        organisations={organisations}
        partners={partners}
        submitLabel="Enregistrer le lieu"
      />
    </div>
  );
}
