// La fiche d'orientation (PDF) d'une orientation de la personne, pour l'imprimer de nouveau.
import type { Route } from './+types/mon-espace.orientations.$id.fiche';
import { requireResident } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { residentReferralSlip } from '../my-referrals.server';
import { readResidentSession } from '../sessions.server';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const file = await residentReferralSlip(scope, requireIdParam(args.params.id, 'Orientation introuvable.'));
  if (!file) throw notFound('Orientation introuvable.');
  return pdfResponse(file.pdf, file.name);
}
