import { data, Link, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/personnes.$id';
import { readPersonFile } from '../capabilities/reception/person-file.server';
import { ageBand } from '../capabilities/reception/rules';
import { ACCOUNT_KINDS, AGE_BANDS, MODES, ORGANISATIONS, OUTCOMES, TRISTATE, type Organisation } from '../capabilities/reception/vocabulary';
import { requireAgent, servicesOf } from '../platform/authorize.server';
import { can } from '../platform/policies';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.name ?? 'Personne'} — Relais` }];

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

export async function loader(args: Route.LoaderArgs) {
  const agent = await requireAgent(args, 'personnes.consulter');
  const services = servicesOf(args.context);
  const id = z.uuid().safeParse(args.params.id);
  const file = id.success ? await readPersonFile(services, agent, id.data) : null;
  if (!file) throw data({ message: "Cette personne n'existe pas dans votre structure." }, { status: 404 });
  const { person, timeline } = file;
  return {
    id: person.id,
    name: [person.firstName, person.lastName].filter(Boolean).join(' '),
    birthYear: person.birthYear,
    ageBand: AGE_BANDS[ageBand(person.birthYear, services.now())],
    phone: person.phone,
    email: person.email,
    hasEmail: TRISTATE[person.hasEmail as keyof typeof TRISTATE] ?? 'Ne sait pas',
    accounts: Object.entries(ACCOUNT_KINDS).map(([key, label]) => ({ label, value: TRISTATE[(person.accounts[key] ?? 'inconnu') as keyof typeof TRISTATE] })),
    consent: person.consentAt ? day.format(person.consentAt) : null,
    canLog: can(agent, 'sollicitations.enregistrer'),
    timeline: timeline.map((event) => ({ ...event, at: when.format(event.at) })),
  };
}

export default function FichePersonne() {
  const file = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>{file.name}</h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h5">Fiche</h2>
          <dl className="relais-facts">
            <dt>Année de naissance</dt>
            <dd>{file.birthYear ? `${file.birthYear} (${file.ageBand.toLowerCase()})` : 'Non renseignée'}</dd>
            <dt>Téléphone</dt>
            <dd>{file.phone ?? 'Non renseigné'}</dd>
            <dt>Adresse e-mail</dt>
            <dd>{file.email ?? file.hasEmail}</dd>
            {file.accounts.map((a) => (
              <div key={a.label}>
                <dt>Compte {a.label}</dt>
                <dd>{a.value}</dd>
              </div>
            ))}
            <dt>Accord pour conserver la fiche</dt>
            <dd>{file.consent ? `Donné le ${file.consent}` : 'Non recueilli'}</dd>
          </dl>
          {file.canLog && (
            <Link className="fr-btn fr-mt-2w" to={`/sollicitations/nouvelle?personne=${file.id}`}>
              Nouvelle sollicitation
            </Link>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <h2 className="fr-h5">Historique ({file.timeline.length})</h2>
          {file.timeline.length === 0 ? (
            <p>Rien encore.</p>
          ) : (
            <ol className="relais-timeline">
              {file.timeline.map((event) => (
                <li key={`${event.kind}-${event.id}`}>
                  <p className="fr-text--sm fr-mb-0">{event.at}</p>
                  {event.kind === 'sollicitation' && (
                    <>
                      <p className="fr-mb-0">
                        <strong>{event.organisations.map((o) => ORGANISATIONS[o as Organisation]?.label ?? o).join(', ')}</strong>
                        {event.procedure ? ` — ${event.procedure}` : ''}
                      </p>
                      <p className="fr-text--sm fr-mb-0">
                        {MODES[event.mode as keyof typeof MODES]} · {OUTCOMES[event.outcome as keyof typeof OUTCOMES]} · {event.durationMinutes} min
                        {event.by ? ` · ${event.by}` : ''}
                      </p>
                      {event.nextStep && (
                        <p className="fr-text--sm fr-mb-0">
                          Prochaine étape : {event.nextStep}
                          {event.nextStepDate ? ` (le ${day.format(new Date(event.nextStepDate))})` : ''}
                        </p>
                      )}
                      {event.notes && <p className="fr-text--sm fr-mb-0">Note : {event.notes}</p>}
                    </>
                  )}
                  {event.kind === 'arrivee' && (
                    <p className="fr-mb-0">
                      Arrivée à l'accueil{event.reason ? ` (${event.reason})` : ''}
                      {event.left ? ' — repartie sans être reçue' : event.waitedMinutes !== null ? ` — reçue après ${event.waitedMinutes} min` : ''}
                    </p>
                  )}
                  {event.kind === 'note_privee' && (
                    <p className="fr-mb-0">
                      <span className="fr-badge fr-badge--sm fr-mr-1w">Note privée</span>
                      {event.body}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </div>
  );
}
