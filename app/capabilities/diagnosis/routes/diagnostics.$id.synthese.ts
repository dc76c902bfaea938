import { data } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/diagnostics.$id.synthese';
import { readSummary } from '../plan.server';
import { diagnosisSummaryPdf } from '../summary-pdf.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const id = z.uuid().safeParse(args.params.id);
  const summary = id.success ? await readSummary(ctx, id.data) : null;
  if (!summary) throw data({ message: "Ce diagnostic n'existe pas dans votre structure." }, { status: 404 });
  const { view, steps } = summary;
  return pdfResponse(
    await diagnosisSummaryPdf(view, steps, agent.structureName, services.now()),
    `bilan-numerique-${view.diagnosis.id.slice(0, 8)}.pdf`,
  );
}
