import { data } from 'react-router';
import type { Route } from './+types/pilotage.rapport-annuel.$fichier';
import { organisationLabels } from '../../reception/organisations';
import { catalogIn } from '../../reception/organisations.server';
import { annualReportPdf, readAnnualFigures, readReportText } from '../annual-report.server';
import { labelsFor } from '../labels';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'pilotage.parametrer');
  const services = servicesOf(args.context);
  const match = /^(\d{4})\.pdf$/.exec(args.params.fichier);
  const year = Number(match?.[1]);
  const current = services.now().getFullYear();
  if (!match || year < 2000 || year > current)
    throw data({ message: "Ce rapport n'existe pas : choisissez une année passée ou l'année en cours." }, { status: 404 });
  const figures = await readAnnualFigures(ctx, year);
  const labels = labelsFor(organisationLabels(await catalogIn(ctx.tx)));
  const pdf = await annualReportPdf(figures, await readReportText(ctx, year), labels);
  return pdfResponse(pdf, `rapport-activite-${year}.pdf`);
}
