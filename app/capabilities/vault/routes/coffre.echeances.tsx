// « Papiers qui expirent » : pour les médiateurs, les papiers des coffres de la structure qui finissent dans les 3 mois
// (ou ont fini depuis moins d'un mois), le plus proche d'abord, avec la personne et ce qu'il faut refaire. La personne
// reçoit aussi un rappel (SMS ou e-mail) ; la lecture de la liste est tracée.
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/coffre.echeances';
import { requireAgent } from '../../../platform/authorize.server';
import { dateFormat } from '../../../platform/time';
import { expiringDocuments } from '../expiry.server';
import { DOCUMENT_KINDS } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Papiers qui expirent — Relais' }];

const day = dateFormat({ dateStyle: 'long' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'coffre.gerer');
  const rows = await expiringDocuments(ctx);
  return {
    rows: rows.map((row) => ({
      ...row,
      kind: DOCUMENT_KINDS[row.kind]?.label ?? row.kind,
      renew: DOCUMENT_KINDS[row.kind]?.renew ?? null,
      expiresOn: day.format(new Date(`${row.expiresOn}T12:00:00`)),
    })),
  };
}

export default function ExpiringPapers() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Papiers qui expirent</h1>
      <p>
        Les papiers rangés dans les coffres-forts de la structure qui finissent dans les 3 mois, ou ont fini depuis moins d'un mois. La
        personne reçoit un rappel par SMS ou e-mail (titre de séjour : 3 mois puis 1 mois avant ; pièce d'identité, attestations : 1 mois
        avant).
      </p>
      {rows.length === 0 ? (
        <p>Aucun papier ne finit dans les 3 mois.</p>
      ) : (
        <ul className="relais-plain-list">
          {rows.map((row) => (
            <li key={row.id} className="fr-mb-3w">
              <h2 className="fr-h5 fr-mb-1w">
                <Link to={`/personnes/${row.personId}/coffre`}>{row.person}</Link> — {row.kind}
              </h2>
              <p className="fr-mb-1w">
                {row.expired ? (
                  <span className="fr-badge fr-badge--error fr-badge--sm">Fini le {row.expiresOn}</span>
                ) : (
                  <span className="fr-badge fr-badge--warning fr-badge--sm">Finit le {row.expiresOn}</span>
                )}{' '}
                {row.reminded
                  ? 'Rappel envoyé à la personne.'
                  : row.reachable
                    ? ''
                    : 'Ni téléphone ni e-mail : prévenez la personne à sa prochaine venue.'}
              </p>
              {row.renew && <p className="fr-text--sm fr-mb-0">{row.renew}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
