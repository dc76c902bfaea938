// Ce que la page de pilotage et ses exports lisent de la requête : l'agent, ses filtres (imposés à sa propre
// activité s'il n'est pas responsable), les organismes, les agents et les lieux d'accueil de la structure pour les libellés.
import { membersIn } from '../administration/members.server';
import { organisationLabels } from '../reception/organisations';
import { catalogIn } from '../reception/organisations.server';
import { receptionSitesIn } from '../reception/sites.server';
import { requireAgent, type RequestArgs } from '../../platform/authorize.server';
import { seesWholeStructure } from '../../platform/policies';
import { parseFilters } from './filters';
import { localDay } from '../../platform/time';

export async function steeringRequest(args: RequestArgs) {
  const ctx = await requireAgent(args, 'pilotage.voir');
  const { tx, actor: agent, services } = ctx;
  const whole = seesWholeStructure(agent);
  const params = new URL(args.request.url).searchParams;
  const today = localDay(services.now());
  const catalog = await catalogIn(tx);
  const members = whole
    ? (await membersIn(tx, agent)).filter((m) => m.role === 'mediateur' || m.role === 'travailleur_social' || m.role === 'accueil')
    : [];
  const sites = await receptionSitesIn(tx, agent.structureId, { withRetired: true });
  const parsed = parseFilters(
    params,
    today,
    catalog,
    whole ? members.map((m) => m.userId) : [agent.userId],
    sites.map((s) => s.id),
  );
  // Un médiateur voit sa propre activité, quel que soit le filtre demandé.
  const filters = whole ? parsed.filters : { ...parsed.filters, mediateur: agent.userId };
  return {
    ctx,
    agent,
    whole,
    params,
    filters,
    notices: parsed.notices,
    catalog,
    organisations: organisationLabels(catalog),
    members,
    sites,
  };
}
