// Le PDF d'un mandat de la personne (le même que celui remis à la signature).
import type { Route } from './+types/mon-espace.mandats.$id.pdf';
import { requireResident } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { residentMandatePdf } from '../my-mandates.server';
import { readResidentSession } from '../sessions.server';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const file = await residentMandatePdf(scope, requireIdParam(args.params.id, 'Mandat introuvable.'));
  if (!file) throw notFound('Mandat introuvable.');
  return pdfResponse(file.pdf, file.name);
}
