import { data } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/diagnostics.$id.synthese';
import { readDiagnosis } from '../capabilities/diagnosis/diagnoses.server';
import { readJourney } from '../capabilities/diagnosis/plan.server';
import { diagnosisSummaryPdf } from '../capabilities/diagnosis/summary-pdf.server';
import { requireAgent, servicesOf } from '../platform/authorize.server';
import { pdfResponse } from '../platform/pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const agent = await requireAgent(args, 'diagnostics.realiser');
  const services = servicesOf(args.context);
  const id = z.uuid().safeParse(args.params.id);
  const view = id.success ? await readDiagnosis(services, agent, id.data) : null;
  const journey = view ? await readJourney(services, agent, view.person.id) : null;
  if (!view || !journey) throw data({ message: "Ce diagnostic n'existe pas dans votre structure." }, { status: 404 });
  return pdfResponse(await diagnosisSummaryPdf(view, journey.steps, agent.structureName, services.now()), `bilan-numerique-${view.diagnosis.id.slice(0, 8)}.pdf`);
}
