// Ce que lisent les pages d'un atelier et d'une séance : l'agent qui anime, et l'atelier ou la séance de sa
// structure — sinon la même réponse 404 qu'ailleurs.
import { requireAgent, type RequestArgs } from '../../platform/authorize.server';
import { notFound, requireIdParam } from '../../platform/http.server';
import { findWorkshop } from './catalogue.server';
import { findSession } from './sessions.server';

const WORKSHOP_NOT_FOUND = "Cet atelier n'existe pas dans votre structure.";
const SESSION_NOT_FOUND = "Cette séance n'existe pas dans votre structure.";

export async function workshopRequest(args: RequestArgs & { params: { id?: string } }) {
  const ctx = await requireAgent(args, 'ateliers.gerer');
  const workshop = await findWorkshop(ctx.tx, ctx.actor.structureId, requireIdParam(args.params.id, WORKSHOP_NOT_FOUND));
  if (!workshop) throw notFound(WORKSHOP_NOT_FOUND);
  return { ctx, workshop };
}

export async function sessionRequest(args: RequestArgs & { params: { id?: string } }) {
  const ctx = await requireAgent(args, 'ateliers.gerer');
  const session = await findSession(ctx.tx, ctx.actor.structureId, requireIdParam(args.params.id, SESSION_NOT_FOUND));
  if (!session) throw notFound(SESSION_NOT_FOUND);
  return { ctx, session };
}
