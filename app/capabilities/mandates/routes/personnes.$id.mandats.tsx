import { useEffect, useState } from 'react';
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.mandats';
import { readPersonMandates } from '../mandates.server';
import { AREAS, DURATIONS, STATUSES, type Area, type Duration } from '../vocabulary';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { dateFormat } from '../../../platform/time';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Mandats ${ofName(data?.person.label ?? 'la personne')} — Relais` }];

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const day = dateFormat({ dateStyle: 'long' });
const areaLabel = (area: string) => AREAS[area as Area]?.label ?? area;

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const file = await readPersonMandates(ctx, id);
  if (!file) throw notFound(PERSON_NOT_FOUND);
  return {
    person: file.person,
    mandates: file.mandates.map((m) => ({
      id: m.id,
      status: m.status,
      statusLabel: STATUSES[m.status],
      areas: m.areas.map(areaLabel).join(', '),
      duration: DURATIONS[m.duration as Duration].label,
      period:
        m.signedAt && m.expiresAt
          ? `du ${day.format(m.signedAt)} au ${day.format(m.expiresAt)}`
          : `établi le ${day.format(m.createdAt)}, non signé`,
    })),
    acts: file.acts.map((a) => ({
      seq: a.seq,
      personSeq: a.personSeq,
      at: when.format(a.occurredAt),
      area: areaLabel(a.area),
      procedure: a.procedure,
      onlineService: a.onlineService,
      whatDone: a.whatDone,
      by: a.by,
      mandateId: a.mandateId,
    })),
  };
}

export default function MandatsPersonne() {
  const { person, mandates, acts } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <p className="relais-no-print">
        <Link to={`/personnes/${person.id}`}>Fiche de {person.label}</Link>
      </p>
      <h1>Mandats et journal de {person.label}</h1>
      <p className="relais-no-print">
        <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to={`/personnes/${person.id}/mandats/nouveau`}>
          Nouveau mandat
        </Link>
      </p>
      <section aria-labelledby="mandats">
        <h2 id="mandats">Mandats</h2>
        {mandates.length === 0 ? (
          <p>Aucun mandat. Faire avec la personne reste la règle ; un mandat n'est utile que pour agir à sa place.</p>
        ) : (
          <ul>
            {mandates.map((m) => (
              <li key={m.id}>
                <Link to={`/mandats/${m.id}`}>
                  {m.statusLabel} — {m.areas}
                </Link>{' '}
                ({m.duration}, {m.period})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="journal" className="fr-mt-4w">
        <h2 id="journal">Journal des actes faits à sa place</h2>
        <p>Chaque acte est inscrit dans un journal chaîné : une ligne modifiée ou supprimée se voit à la vérification.</p>
        {acts.length === 0 ? (
          <p>Aucun acte.</p>
        ) : (
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>Actes sous mandat ({acts.length}), du plus récent au plus ancien</caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Quand</th>
                  <th scope="col">Domaine</th>
                  <th scope="col">Démarche et service</th>
                  <th scope="col">Ce qui a été fait</th>
                  <th scope="col">Par</th>
                </tr>
              </thead>
              <tbody>
                {acts.map((a) => (
                  <tr key={a.seq}>
                    <td>
                      {a.personSeq} <span className="fr-text--xs">(journal n° {a.seq})</span>
                    </td>
                    <td>{a.at}</td>
                    <td>{a.area}</td>
                    <td>
                      {a.procedure ? `${a.procedure} — ` : ''}
                      {a.onlineService}
                    </td>
                    <td>{a.whatDone}</td>
                    <td>{a.by}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="relais-no-print">
          <PrintButton />
        </p>
      </section>
    </div>
  );
}

/** Imprimer la page : un bouton avec JavaScript, sinon le menu du navigateur. */
function PrintButton() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <>Pour imprimer le journal : menu du navigateur, « Imprimer » (Ctrl+P).</>;
  return (
    <button type="button" className="fr-btn fr-btn--secondary fr-icon-printer-line fr-btn--icon-left" onClick={() => window.print()}>
      Imprimer le journal
    </button>
  );
}
