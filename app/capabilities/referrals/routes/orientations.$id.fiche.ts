import { data } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/orientations.$id.fiche';
import { readReferral } from '../referrals.server';
import { referralSlipPdf } from '../slip-pdf.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.envoyer');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const id = z.uuid().safeParse(args.params.id);
  const view = id.success ? await readReferral(ctx, id.data) : null;
  if (!view) throw data({ message: "Cette orientation n'existe pas dans votre structure." }, { status: 404 });
  return pdfResponse(await referralSlipPdf(view, agent.structureName, services.now()), `orientation-${view.referral.id.slice(0, 8)}.pdf`);
}
