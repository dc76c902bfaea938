import { data } from 'react-router';
import type { Route } from './+types/lieux.export.$fichier';
import { exportPlaces } from '../import-places.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { localDay } from '../../../platform/time';

const FILES = {
  'lieux.csv': { format: 'csv', type: 'text/csv; charset=utf-8' },
  'lieux.json': { format: 'json', type: 'application/json; charset=utf-8' },
} as const;

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'lieux.consulter');
  const services = servicesOf(args.context);
  const file = FILES[args.params.fichier as keyof typeof FILES];
  if (!file) throw data({ message: "Cet export n'existe pas." }, { status: 404 });
  const body = await exportPlaces(ctx, file.format);
  const today = localDay(services.now());
  return new Response(body, {
    headers: {
      'content-type': file.type,
      'content-disposition': `attachment; filename="lieux-de-mediation-numerique-${today}.${file.format}"`,
      'cache-control': 'no-store',
    },
  });
}
