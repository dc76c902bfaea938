// Ce que la page de pilotage et ses exports lisent de la requête : l'agent, ses filtres (imposés à sa propre
// activité s'il n'est pas responsable), les organismes, les agents et les lieux d'accueil de la structure pour les libellés.
import { transaction } from '../../db/transaction.server';
import { membersIn } from '../administration/members.server';
import { organisationLabels } from '../reception/organisations';
import { catalogIn } from '../reception/organisations.server';
import { receptionSitesIn } from '../reception/sites.server';
import { requireAgent, servicesOf, type RequestArgs } from '../../platform/authorize.server';
import { seesWholeStructure } from '../../platform/policies';
import { parseFilters } from './filters';

export async function steeringRequest(args: RequestArgs) {
  const agent = await requireAgent(args, 'pilotage.voir');
  const services = servicesOf(args.context);
  const whole = seesWholeStructure(agent);
  const params = new URL(args.request.url).searchParams;
  const today = services.now().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  // Les trois listes en une transaction : la page de pilotage n'est qu'à quelques millisecondes de sa cible.
  const { catalog, members, sites } = await transaction(services.database, agent, async (tx) => ({
    catalog: await catalogIn(tx),
    members: whole ? (await membersIn(tx, agent)).filter((m) => m.role === 'mediateur' || m.role === 'travailleur_social' || m.role === 'accueil') : [],
    sites: await receptionSitesIn(tx, agent.structureId, { withRetired: true }),
  }));
  const parsed = parseFilters(params, today, catalog, whole ? members.map((m) => m.userId) : [agent.userId], sites.map((s) => s.id));
  // Un médiateur voit sa propre activité, quel que soit le filtre demandé.
  const filters = whole ? parsed.filters : { ...parsed.filters, mediateur: agent.userId };
  return { agent, services, whole, params, filters, notices: parsed.notices, catalog, organisations: organisationLabels(catalog), members, sites };
}
