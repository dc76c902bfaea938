// Mon bilan à lire (PDF) : la synthèse FALC du dernier diagnostic de la personne, depuis « Mon parcours ».
import type { Route } from './+types/mon-espace.parcours.bilan';
import { requireResident } from '../../../platform/authorize.server';
import { notFound } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { residentSummaryPdf } from '../my-journey.server';
import { readResidentSession } from '../sessions.server';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const file = await residentSummaryPdf(scope);
  if (!file) throw notFound('Pas encore de bilan.');
  return pdfResponse(file.pdf, file.name);
}
