import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/orientations';
import { listReceivedHandoffs, listSentReferrals } from '../referrals.server';
import { OUTCOMES, STATUSES, type Outcome, type Status } from '../vocabulary';
import { requireAgent } from '../../../platform/authorize.server';
import { can } from '../../../platform/policies';
import { dateFormat } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Orientations — Relais' }];

const day = dateFormat({ dateStyle: 'medium' });
const VIEWS = { envoyees: 'Envoyées', 'a-relancer': 'À relancer', recues: 'Reçues' } as const;
type View = keyof typeof VIEWS;

const stateLabel = (status: string, outcome: string | null) =>
  outcome ? `${STATUSES.close} · ${OUTCOMES[outcome as Outcome] ?? outcome}` : (STATUSES[status as Status] ?? status);

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.recevoir');
  const agent = ctx.actor;
  const canSend = can(agent, 'orientations.envoyer');
  const asked = new URL(args.request.url).searchParams.get('vue') as View | null;
  const view: View = asked && asked in VIEWS && (canSend || asked === 'recues') ? asked : canSend ? 'envoyees' : 'recues';
  const views = (Object.keys(VIEWS) as View[]).filter((v) => canSend || v === 'recues');
  if (view === 'recues') {
    const rows = await listReceivedHandoffs(ctx);
    return {
      view,
      views,
      reminderDays: null,
      received: rows.map((h) => ({
        id: h.id,
        personName: h.personName,
        senderName: h.senderName,
        reason: h.reason,
        sentAt: day.format(h.createdAt),
        state: stateLabel(h.status, h.outcome),
        open: h.status !== 'close',
      })),
      sent: [],
    };
  }
  const { rows, reminderDays } = await listSentReferrals(ctx, view === 'a-relancer' ? 'a_relancer' : 'toutes');
  return {
    view,
    views,
    reminderDays,
    received: [],
    sent: rows.map((r) => ({
      id: r.referral.id,
      person: r.person,
      placeName: r.placeName,
      sentAt: day.format(r.referral.createdAt),
      state: stateLabel(r.state.status, r.state.outcome),
      followUp: r.followUp,
      shared: r.referral.consentShare,
    })),
  };
}

export default function Orientations() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Orientations</h1>
      <nav aria-label="Listes d'orientations" className="fr-mb-3w">
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          {data.views.map((key) => (
            <li key={key}>
              <Link
                className={`fr-btn ${data.view === key ? '' : 'fr-btn--secondary'}`}
                to={`?vue=${key}`}
                aria-current={data.view === key ? 'page' : undefined}
              >
                {VIEWS[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {data.view === 'a-relancer' && (
        <p>Sans réponse du partenaire depuis {data.reminderDays} jours ou plus (30 jours : expirée). Appelez le lieu ou la personne.</p>
      )}
      {data.view === 'recues' ? (
        data.received.length === 0 ? (
          <p>Aucune orientation reçue pour l'instant.</p>
        ) : (
          <ul className="relais-results">
            {data.received.map((h) => (
              <li key={h.id}>
                <Link to={`/orientations/recues/${h.id}`}>{h.personName}</Link> · de {h.senderName} · {h.sentAt}
                <br />
                <span className={h.open ? 'fr-text--bold' : undefined}>{h.state}</span> — {h.reason}
              </li>
            ))}
          </ul>
        )
      ) : data.sent.length === 0 ? (
        <p>
          {data.view === 'a-relancer'
            ? 'Aucune orientation à relancer.'
            : 'Aucune orientation pour l’instant : orientez une personne depuis sa fiche.'}
        </p>
      ) : (
        <ul className="relais-results">
          {data.sent.map((r) => (
            <li key={r.id}>
              <Link to={`/orientations/${r.id}`}>{r.person}</Link> → {r.placeName} · {r.sentAt}
              <br />
              {r.state}
              {r.followUp === 'a_relancer' && <strong> · à relancer</strong>}
              {r.followUp === 'expiree' && <strong> · expirée (30 jours sans réponse)</strong>}
              {!r.shared && ' · lieu sans compte Relais'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
