import type { Route } from './+types/orientations.$id.fiche';
import { readReferral } from '../referrals.server';
import { referralSlipPdf } from '../slip-pdf.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { REFERRAL_NOT_FOUND } from '../errors';
import { notFound, requireIdParam } from '../../../platform/http.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.envoyer');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const view = await readReferral(ctx, requireIdParam(args.params.id, REFERRAL_NOT_FOUND));
  if (!view) throw notFound(REFERRAL_NOT_FOUND);
  return pdfResponse(await referralSlipPdf(view, agent.structureName, services.now()), `orientation-${view.referral.id.slice(0, 8)}.pdf`);
}
