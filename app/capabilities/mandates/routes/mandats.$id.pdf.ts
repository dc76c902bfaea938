import { data } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/mandats.$id.pdf';
import { mandatePdf } from '../mandate-pdf.server';
import { readMandate } from '../mandates.server';
import { readStructureSettings } from '../../administration/structure-settings.server';
import { requireAgent } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const id = z.uuid().safeParse(args.params.id);
  const view = id.success ? await readMandate(ctx, id.data) : null;
  if (!view) throw data({ message: "Ce mandat n'existe pas dans votre structure." }, { status: 404 });
  const structure = await readStructureSettings(ctx);
  return pdfResponse(await mandatePdf(view, structure.city), `mandat-${view.mandate.id.slice(0, 8)}.pdf`);
}
