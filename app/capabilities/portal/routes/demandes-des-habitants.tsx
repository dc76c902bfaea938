// Côté agent : les demandes des habitants (correction, effacement) sans réponse, la plus pressée d'abord ; le délai
// légal est d'un mois. Chacune se traite sur la page « Espace personnel » de la fiche.
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/demandes-des-habitants';
import { requireAgent } from '../../../platform/authorize.server';
import { fullName } from '../../../platform/text';
import { dateFormat } from '../../../platform/time';
import { openRequests } from '../requests.server';

export const meta: Route.MetaFunction = () => [{ title: 'Demandes des habitants — Relais' }];

const day = dateFormat({ dateStyle: 'long' });
const KINDS: Record<string, string> = { correction: 'Correction', effacement: 'Effacement des données' };

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'espaces.gerer');
  const rows = await openRequests(ctx);
  return {
    requests: rows.map(({ request, firstName, lastName }) => ({
      id: request.id,
      personId: request.personId,
      person: fullName(firstName, lastName),
      kind: KINDS[request.kind] ?? request.kind,
      asked: day.format(request.createdAt),
      due: day.format(request.dueAt),
      late: request.dueAt < ctx.now,
    })),
  };
}

export default function ResidentRequests() {
  const { requests } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Demandes des habitants</h1>
      <p>
        Les personnes demandent depuis leur espace une correction ou l'effacement de leurs données. La loi laisse un mois pour répondre ; la
        réponse s'écrit sur la page « Espace personnel » de la fiche.
      </p>
      {requests.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <ul>
          {requests.map((request) => (
            <li key={request.id} className="fr-mb-2w">
              <Link to={`/personnes/${request.personId}/espace#demandes`}>
                {request.kind} — {request.person}
              </Link>
              , demandée le {request.asked}.{' '}
              {request.late ? (
                <strong className="fr-error-text">Délai dépassé depuis le {request.due}.</strong>
              ) : (
                <>Réponse avant le {request.due}.</>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
