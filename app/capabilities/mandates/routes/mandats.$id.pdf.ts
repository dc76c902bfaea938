import type { Route } from './+types/mandats.$id.pdf';
import { mandatePdf } from '../mandate-pdf.server';
import { readMandate } from '../mandates.server';
import { readStructureSettings } from '../../administration/structure-settings.server';
import { requireAgent } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { MANDATE_NOT_FOUND } from '../errors';
import { notFound, requireIdParam } from '../../../platform/http.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const view = await readMandate(ctx, requireIdParam(args.params.id, MANDATE_NOT_FOUND));
  if (!view) throw notFound(MANDATE_NOT_FOUND);
  const structure = await readStructureSettings(ctx);
  return pdfResponse(await mandatePdf(view, structure.city), `mandat-${view.mandate.id.slice(0, 8)}.pdf`);
}
