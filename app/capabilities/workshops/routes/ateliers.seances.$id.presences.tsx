// Les présences d'une séance, notées pendant l'atelier sur une tablette : une ligne par personne, trois grands
// boutons (présent, absent, excusé), au doigt ou au clavier, un seul envoi. Une présence fait l'étape du plan.
import { data, Form, Link, redirect, useLoaderData } from 'react-router';
import type { Route } from './+types/ateliers.seances.$id.presences';
import { CsrfField, Notice } from '../../../ui/form';
import { markAttendance } from '../registrations.server';
import { canMarkAttendance, holdsSeat } from '../rules';
import { registrationsOf } from '../sessions.server';
import { sessionRequest } from '../request.server';
import { sessionWhen } from '../ui/labels';
import { ATTENDANCE, type Attendance } from '../vocabulary';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Présences — ${data?.session.title ?? 'Séance'} — Relais` }];

export async function loader(args: Route.LoaderArgs) {
  const { ctx, session } = await sessionRequest(args);
  const registrations = (await registrationsOf(ctx.tx, ctx.actor.structureId, session.id)).filter((r) => holdsSeat(r.status));
  return {
    session: {
      id: session.id,
      title: session.title,
      when: sessionWhen.format(session.startsAt),
      cancelled: session.cancelledAt !== null,
      open: canMarkAttendance(session, ctx.now),
    },
    people: registrations.map((r) => ({
      id: r.id,
      name: `${r.firstName} ${r.lastName}`,
      mark: r.status in ATTENDANCE ? (r.status as Attendance) : null,
    })),
    saved: new URL(args.request.url).searchParams.has('enregistre'),
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, session } = await sessionRequest(args);
  const form = await args.request.formData();
  const marks: Record<string, Attendance> = {};
  for (const [key, value] of form)
    if (key.startsWith('presence-') && typeof value === 'string' && value in ATTENDANCE)
      marks[key.slice('presence-'.length)] = value as Attendance;
  if (Object.keys(marks).length === 0)
    throw data({ message: 'Choisissez présent, absent ou excusé pour au moins une personne, puis enregistrez.' }, { status: 400 });
  const outcome = await markAttendance(ctx, session.id, marks);
  if (!outcome.ok && outcome.reason === 'annulee')
    throw data({ message: 'Cette séance est annulée : on n’y note pas de présence.' }, { status: 409 });
  if (!outcome.ok) throw data({ message: 'Cette séance n’a pas encore commencé : notez les présences le jour même.' }, { status: 409 });
  throw redirect(`/ateliers/seances/${session.id}/presences?enregistre`);
}

export default function Presences() {
  const { session, people, saved } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/ateliers/seances/${session.id}`}>Retour à la séance</Link>
      </p>
      <h1>
        Présences : {session.title}, {session.when}
      </h1>
      {saved && <Notice kind="success" title="Présences enregistrées. Les étapes des plans sont à jour." />}
      {session.cancelled ? (
        <p>Cette séance est annulée : il n’y a pas de présence à noter.</p>
      ) : !session.open ? (
        <p>Cette séance n’a pas encore commencé : les présences se notent le jour même.</p>
      ) : people.length === 0 ? (
        <p>Personne n’est inscrit à cette séance.</p>
      ) : (
        <Form method="post">
          <CsrfField />
          <ul className="relais-plain-list relais-attendance">
            {people.map((p) => (
              <li key={p.id}>
                <fieldset className="fr-fieldset" aria-labelledby={`presence-${p.id}-nom`}>
                  <legend className="fr-fieldset__legend" id={`presence-${p.id}-nom`}>
                    {p.name}
                  </legend>
                  <div className="relais-attendance__choices">
                    {Object.entries(ATTENDANCE).map(([value, label]) => (
                      <div className="fr-radio-group" key={value}>
                        <input
                          type="radio"
                          id={`presence-${p.id}-${value}`}
                          name={`presence-${p.id}`}
                          value={value}
                          defaultChecked={p.mark === value}
                        />
                        <label className="fr-label" htmlFor={`presence-${p.id}-${value}`}>
                          {label}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </li>
            ))}
          </ul>
          <button className="fr-btn fr-btn--lg" type="submit">
            Enregistrer les présences
          </button>
        </Form>
      )}
    </div>
  );
}
