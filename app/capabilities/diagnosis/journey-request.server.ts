// Ce que lisent les pages du parcours d'une personne (parcours, étape, pair-aidant) : l'agent qui peut
// diagnostiquer, et le parcours de la personne de sa structure — sinon la même réponse 404 qu'ailleurs.
import { requireAgent, type RequestArgs } from '../../platform/authorize.server';
import { PERSON_NOT_FOUND } from '../reception/errors';
import { readJourney } from './plan.server';
import { notFound, requireIdParam } from '../../platform/http.server';

export async function journeyRequest(args: RequestArgs & { params: { id?: string } }) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const journey = await readJourney(ctx, id);
  if (!journey) throw notFound(PERSON_NOT_FOUND);
  return { ctx, journey };
}
