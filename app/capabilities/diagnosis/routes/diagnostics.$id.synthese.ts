import type { Route } from './+types/diagnostics.$id.synthese';
import { readSummary } from '../plan.server';
import { diagnosisSummaryPdf } from '../summary-pdf.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { DIAGNOSIS_NOT_FOUND } from '../errors';
import { notFound, requireIdParam } from '../../../platform/http.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const summary = await readSummary(ctx, requireIdParam(args.params.id, DIAGNOSIS_NOT_FOUND));
  if (!summary) throw notFound(DIAGNOSIS_NOT_FOUND);
  const { view, steps } = summary;
  return pdfResponse(
    await diagnosisSummaryPdf(view, steps, agent.structureName, services.now()),
    `bilan-numerique-${view.diagnosis.id.slice(0, 8)}.pdf`,
  );
}
