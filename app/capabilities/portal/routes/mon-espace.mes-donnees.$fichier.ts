// Le téléchargement de « Mes données » : mes-donnees.pdf (à lire) ou mes-donnees.json (à réutiliser).
import type { Route } from './+types/mon-espace.mes-donnees.$fichier';
import { requireResident } from '../../../platform/authorize.server';
import { notFound } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { myDataPdf } from '../my-data-pdf.server';
import { residentDataExport } from '../my-data.server';
import { helpOf } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const file = args.params.fichier;
  if (file !== 'mes-donnees.pdf' && file !== 'mes-donnees.json') throw notFound('Fichier introuvable.');
  const content = await residentDataExport(scope);
  if (file === 'mes-donnees.pdf') return pdfResponse(await myDataPdf(content, (await helpOf(scope)).structureName), file, 'attachment');
  return new Response(JSON.stringify(content, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    },
  });
}
