// La page d'accueil de chaque agent : ce que sa journée demande, selon son rôle. L'accueil voit qui attend ; le
// médiateur, ceux qu'il a pris, ses étapes dues et ses orientations sans réponse ; le responsable, la charge du jour,
// la semaine passée et les alertes ; le partenaire, les orientations reçues à prendre en compte.
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/tableau-de-bord';
import { requireAgent } from '../../platform/authorize.server';
import { can, navigationFor, ROLE_LABELS } from '../../platform/policies';
import { dateFormat } from '../../platform/time';
import { pendingFor } from '../../capabilities/accounts/invitations.server';
import { activityFigures, myDueNextSteps, queueNow } from '../../capabilities/reception/home.server';
import { handoffsToAcknowledge, referralsToFollow } from '../../capabilities/referrals/home.server';
import { myStepsDue } from '../../capabilities/diagnosis/home.server';
import { managerAlerts } from '../../capabilities/steering/home.server';
import { Notice } from '../form';

export const meta: Route.MetaFunction = () => [{ title: 'Tableau de bord — Relais' }];

const shortDay = dateFormat({ day: 'numeric', month: 'short' });
const when = dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'tableau_de_bord.voir');
  const agent = ctx.actor;
  const accompanies = can(agent, 'personnes.consulter');
  const manages = can(agent, 'pilotage.parametrer');
  const queue = can(agent, 'file_attente.gerer') ? await queueNow(ctx) : null;
  const dueSteps = accompanies ? await myDueNextSteps(ctx) : [];
  const planSteps = accompanies ? await myStepsDue(ctx) : [];
  const referrals = can(agent, 'orientations.envoyer') || manages ? await referralsToFollow(ctx) : null;
  const received = can(agent, 'orientations.recevoir') ? await handoffsToAcknowledge(ctx) : [];
  return {
    displayName: agent.displayName,
    structureName: agent.structureName,
    roleLabel: ROLE_LABELS[agent.role],
    shortcuts: navigationFor(agent).filter((item) => item.to !== '/'),
    invitations: (await pendingFor(ctx.tx, agent.email)).map((i) => i.structureName),
    queue,
    dueSteps: dueSteps.map((s) => ({ ...s, due: shortDay.format(new Date(`${s.due}T12:00:00Z`)) })),
    planSteps: planSteps.map((s) => ({ ...s, dueOn: shortDay.format(new Date(`${s.dueOn}T12:00:00Z`)) })),
    referrals: referrals && {
      ...referrals,
      mine: can(agent, 'orientations.envoyer') ? referrals.mine.map((r) => ({ ...r, sentAt: shortDay.format(r.sentAt) })) : [],
    },
    received: received.map((r) => ({ ...r, createdAt: when.format(r.createdAt) })),
    manager: manages ? { activity: await activityFigures(ctx), alerts: await managerAlerts(ctx) } : null,
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

export default function TableauDeBord() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Bonjour {d.displayName}</h1>
      <p className="fr-text--lead">
        {d.structureName} · {d.roleLabel}
      </p>
      {d.invitations.length > 0 && (
        <Notice
          kind="info"
          title={`${d.invitations.join(', ')} ${d.invitations.length > 1 ? 'vous invitent à rejoindre leur' : 'vous invite à rejoindre son'} équipe.`}
        >
          <a className="fr-link" href="/structure">
            Répondre à l'invitation
          </a>
        </Notice>
      )}

      {d.manager && (
        <section aria-labelledby="alertes">
          <h2 id="alertes">Aujourd'hui</h2>
          <ul>
            <li>
              {plural(d.manager.activity.today, 'sollicitation', 'sollicitations')} enregistrée
              {d.manager.activity.today > 1 ? 's' : ''} aujourd'hui ({Math.round(d.manager.activity.minutesToday / 6) / 10} h
              d'accompagnement).
            </li>
            <li>
              La semaine dernière : {plural(d.manager.activity.lastWeek, 'sollicitation', 'sollicitations')} (la semaine d'avant :{' '}
              {d.manager.activity.weekBefore.toLocaleString('fr-FR')}). <Link to="/pilotage">Voir le pilotage</Link>
            </li>
            {d.referrals && d.referrals.structureCount > 0 && (
              <li>
                {plural(d.referrals.structureCount, 'orientation', 'orientations')} sans réponse depuis plus de {d.referrals.reminderDays}{' '}
                jours. <Link to="/orientations?vue=a-relancer">Les voir</Link>
              </li>
            )}
          </ul>
          {d.manager.alerts.overloaded.length > 0 && (
            <Notice kind="warning" title="Charge durable">
              Au-dessus de {d.manager.alerts.thresholdHours} h par semaine trois semaines de suite :{' '}
              {d.manager.alerts.overloaded.join(', ')}. <Link to="/pilotage#charge">Voir la charge</Link>
            </Notice>
          )}
          {d.manager.alerts.backupStale && (
            <Notice kind="warning" title="Aucune sauvegarde réussie depuis 48 heures">
              Prévenez l'administrateur de Relais : sans sauvegarde, une panne ferait perdre des données.
            </Notice>
          )}
        </section>
      )}

      {d.queue && (
        <section aria-labelledby="file">
          <h2 id="file">À l'accueil</h2>
          {d.queue.waiting === 0 ? (
            <p>Personne n'attend.</p>
          ) : (
            <>
              <p>
                {plural(d.queue.waiting, 'personne attend', 'personnes attendent')}, depuis {d.queue.longestMinutes} min pour la première
                arrivée.
              </p>
              <ol>
                {d.queue.next.map((e) => (
                  <li key={e.id}>
                    {e.name}
                    {e.urgent ? ' (urgent)' : ''} — {e.minutes} min
                  </li>
                ))}
              </ol>
            </>
          )}
          {d.queue.takenByMe.length > 0 && (
            <Notice kind="info" title={`Vous avez pris en charge sans enregistrer : ${d.queue.takenByMe.map((t) => t.name).join(', ')}`}>
              Enregistrez la sollicitation ou remettez la personne dans la file.
            </Notice>
          )}
          <p>
            <Link to="/accueil">Ouvrir la file d'attente</Link>
          </p>
        </section>
      )}

      {(d.dueSteps.length > 0 || d.planSteps.length > 0 || (d.referrals?.mineCount ?? 0) > 0) && (
        <section aria-labelledby="a-faire">
          <h2 id="a-faire">À faire</h2>
          {d.dueSteps.length > 0 && (
            <>
              <h3 className="fr-h6">Prochaines étapes dues ({d.dueSteps.length})</h3>
              <ul>
                {d.dueSteps.slice(0, 5).map((s, i) => (
                  <li key={i}>
                    {s.personId ? <Link to={`/personnes/${s.personId}`}>{s.name}</Link> : s.name} : {s.nextStep ?? 'à revoir'} —{' '}
                    {s.late ? `en retard (${s.due})` : "aujourd'hui"}
                  </li>
                ))}
              </ul>
              <p>
                <Link to="/sollicitations?vue=a-revoir">Toutes les sollicitations à revoir</Link>
              </p>
            </>
          )}
          {d.planSteps.length > 0 && (
            <>
              <h3 className="fr-h6">Étapes de plan à échéance ({d.planSteps.length})</h3>
              <ul>
                {d.planSteps.slice(0, 5).map((s, i) => (
                  <li key={i}>
                    <Link to={`/personnes/${s.personId}/parcours`}>{s.name}</Link> : {s.label} — {s.late ? 'en retard, ' : ''}
                    {s.dueOn}
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.referrals && d.referrals.mineCount > 0 && (
            <>
              <h3 className="fr-h6">Mes orientations sans réponse ({d.referrals.mineCount})</h3>
              <ul data-partage="lieux de l'annuaire, dont ceux des partenaires">
                {d.referrals.mine.map((r) => (
                  <li key={r.id}>
                    <Link to={`/orientations/${r.id}`}>
                      {r.person} → {r.place}
                    </Link>{' '}
                    — envoyée le {r.sentAt}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {d.received.length > 0 && (
        <section aria-labelledby="recues" data-partage="orientations reçues d'un partenaire">
          <h2 id="recues">Orientations reçues à prendre en compte ({d.received.length})</h2>
          <ul>
            {d.received.slice(0, 10).map((r) => (
              <li key={r.id}>
                <Link to={`/orientations/recues/${r.id}`}>{r.personName}</Link>, de {r.senderName} — reçue le {r.createdAt}
              </li>
            ))}
          </ul>
        </section>
      )}

      {d.shortcuts.length > 0 && (
        <nav aria-labelledby="espaces">
          <h2 id="espaces">Vos espaces</h2>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {d.shortcuts.map((item) => (
              <li key={item.to}>
                <a className="fr-btn fr-btn--secondary" href={item.to}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
