import { Link, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/mandats';
import { listMandates } from '../mandates.server';
import { AREAS, MANDATE_VIEWS, STATUSES, type Area } from '../vocabulary';
import { requireAgent } from '../../../platform/authorize.server';
import { dateFormat } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Mandats — Relais' }];

const day = dateFormat({ dateStyle: 'medium' });
const viewSchema = z.enum(Object.keys(MANDATE_VIEWS) as [keyof typeof MANDATE_VIEWS]).catch('actifs');

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const view = viewSchema.parse(new URL(args.request.url).searchParams.get('vue') ?? undefined);
  const rows = await listMandates(ctx, view);
  return {
    view,
    rows: rows.map((r) => ({
      ...r,
      statusLabel: STATUSES[r.status],
      areas: r.areas.map((a) => AREAS[a as Area]?.label ?? a).join(', '),
      createdAt: day.format(r.createdAt),
      expiresAt: r.expiresAt ? day.format(r.expiresAt) : null,
      revokedAt: r.revokedAt ? day.format(r.revokedAt) : null,
    })),
  };
}

export default function Mandats() {
  const { view, rows } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Mandats</h1>
      <nav aria-label="Vues des mandats">
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {Object.entries(MANDATE_VIEWS).map(([key, label]) => (
            <li key={key}>
              <Link
                className={`fr-btn ${key === view ? '' : 'fr-btn--secondary'}`}
                to={`/mandats?vue=${key}`}
                aria-current={key === view ? 'page' : undefined}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p>Aucun mandat dans cette vue.</p>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>
              {MANDATE_VIEWS[view]} ({rows.length}
              {rows.length === 200 ? ' premiers' : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Domaines</th>
                <th scope="col">État</th>
                <th scope="col">{view === 'termines' ? 'Fin' : view === 'a_signer' ? 'Établi le' : 'Échéance'}</th>
                <th scope="col">Mandataire</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/mandats/${r.id}`}>{r.person}</Link>
                  </td>
                  <td>{r.areas}</td>
                  <td>{r.statusLabel}</td>
                  <td>{view === 'termines' ? (r.revokedAt ?? r.expiresAt) : view === 'a_signer' ? r.createdAt : r.expiresAt}</td>
                  <td>{r.mediator}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
