// Les envois de la structure pour le responsable : e-mails et SMS (partis, en attente, en échec), travaux différés
// (relances, ménage) et leur compte rendu ; ce qui a échoué se relance d'un clic.
import { data, Form, redirect, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/administration.envois';
import { MESSAGE_PURPOSES } from '../../referrals/vocabulary';
import { jobLabel } from '../../../jobs.server';
import { requireAgent } from '../../../platform/authorize.server';
import { queuesOverview, retryFailedItem } from '../../../platform/jobs/overview.server';
import { CHANNEL_LABELS, JOB_STATUS_LABELS, maskRecipient, MESSAGE_STATUS_LABELS } from '../../../platform/jobs/rules';
import { CsrfField, Notice } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Envois — Relais' }];

const when = dateFormat({ dateStyle: 'short', timeStyle: 'short' });
const label = <T extends Record<string, string>>(labels: T, key: string) => labels[key as keyof T] ?? key;

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'envois.consulter');
  const overview = await queuesOverview(ctx);
  const count = (queue: string, status: string) => overview.counts.find((c) => c.queue === queue && c.status === status)?.count ?? 0;
  return {
    summary: {
      sent: count('outbox', 'envoye'),
      waiting: count('outbox', 'en_attente') + count('outbox', 'en_cours'),
      failedMessages: count('outbox', 'echec'),
      failedJobs: count('jobs', 'echec'),
    },
    messages: overview.messages.map((m) => ({
      id: m.id,
      at: when.format(m.sentAt ?? m.createdAt),
      what: MESSAGE_PURPOSES[m.purpose] ?? m.purpose,
      how: `${label(CHANNEL_LABELS, m.channel)} à ${maskRecipient(m.recipient)}`,
      status: label(MESSAGE_STATUS_LABELS, m.status),
      failed: m.status === 'echec',
      detail:
        m.status === 'en_attente' && m.attempts > 0
          ? `${m.attempts} essai(s), prochain à ${when.format(m.runAt)} — ${m.lastError}`
          : m.lastError,
    })),
    jobs: overview.jobs.map((j) => ({
      id: j.id,
      at: when.format(j.finishedAt ?? j.runAt),
      what: jobLabel(j.kind),
      status: label(JOB_STATUS_LABELS, j.status),
      failed: j.status === 'echec',
      detail: j.lastError ?? j.result,
    })),
    retried: new URL(args.request.url).searchParams.has('relance'),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'envois.consulter');
  const form = await args.request.formData();
  const target = z.object({ queue: z.enum(['outbox', 'jobs']), id: z.uuid() }).safeParse({ queue: form.get('queue'), id: form.get('id') });
  if (!target.success) throw data({ message: 'Ce message ou ce travail n’existe pas.' }, { status: 404 });
  const retried = await retryFailedItem(ctx, target.data.queue, target.data.id);
  if (!retried) throw data({ message: 'Ce message ou ce travail n’est plus en échec : rien à relancer.' }, { status: 409 });
  throw redirect('/administration/envois?relance=1');
}

function RetryButton({ queue, id, what }: { queue: 'outbox' | 'jobs'; id: string; what: string }) {
  return (
    <Form method="post" className="relais-inline-form">
      <CsrfField />
      <input type="hidden" name="queue" value={queue} />
      <input type="hidden" name="id" value={id} />
      <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
        Relancer<span className="fr-sr-only"> : {what}</span>
      </button>
    </Form>
  );
}

export default function Envois() {
  const { summary, messages, jobs, retried } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Envois</h1>
      <p>
        Les e-mails et SMS que Relais envoie pour la structure (fiches d'orientation, liens et relances aux lieux…) et ses travaux différés.
        Un envoi qui échoue est repris plusieurs fois, de plus en plus espacé, puis reste ici en échec : vérifiez l'adresse ou le service
        d'envoi, puis relancez-le.
      </p>
      {retried && <Notice kind="success" title="Relancé : il repart au prochain tour du worker (moins d’une minute)." />}
      <ul className="relais-figures">
        <li>{summary.sent} message(s) envoyé(s)</li>
        <li>{summary.waiting} en attente</li>
        <li>{summary.failedMessages} message(s) en échec</li>
        <li>{summary.failedJobs} travail(aux) en échec</li>
      </ul>
      <h2>Messages</h2>
      {messages.length === 0 ? (
        <p>Aucun message pour l'instant.</p>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>Les 100 derniers messages, les plus récents d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Message</th>
                <th scope="col">Canal et destinataire</th>
                <th scope="col">État</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.at}</td>
                  <td>{m.what}</td>
                  <td>{m.how}</td>
                  <td>{m.status}</td>
                  <td>
                    {m.detail ?? '—'}
                    {m.failed && <RetryButton queue="outbox" id={m.id} what={`${m.what} du ${m.at}`} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Travaux différés</h2>
      {jobs.length === 0 ? (
        <p>Aucun travail pour l'instant : le worker passe toutes les 30 secondes.</p>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>Les 50 derniers travaux, les plus récents d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Travail</th>
                <th scope="col">État</th>
                <th scope="col">Compte rendu</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>{j.at}</td>
                  <td>{j.what}</td>
                  <td>{j.status}</td>
                  <td>
                    {j.detail ?? '—'}
                    {j.failed && <RetryButton queue="jobs" id={j.id} what={`${j.what} du ${j.at}`} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
