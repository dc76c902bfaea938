import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id';
import { appointmentsOfPerson } from '../../appointments/appointments.server';
import { APPOINTMENT_STATUSES } from '../../appointments/vocabulary';
import { readPersonFile } from '../person-file.server';
import { unreviewedSelfAssessments } from '../../portal/self-assessments.server';
import { addPrivateNote } from '../private-notes.server';
import { ageBand, privateNoteSchema } from '../rules';
import { ACCOUNT_KINDS, TRISTATE } from '../vocabulary';
import { AGE_BANDS } from '../../../vocabulary/coop';
import { PERSON_NOT_FOUND } from '../errors';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { can } from '../../../platform/policies';
import { CsrfField, Notice, TextAreaField } from '../../../ui/form';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { dateFormat } from '../../../platform/time';
import { PersonTimeline } from '../../../ui/person-timeline';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.name ?? 'Personne'} — Relais` }];

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const day = dateFormat({ dateStyle: 'long' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'personnes.consulter');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const file = await readPersonFile(ctx, id);
  if (!file) throw notFound(PERSON_NOT_FOUND);
  const { person, timeline, consentByName } = file;
  const canDiagnose = can(agent, 'diagnostics.realiser');
  return {
    id: person.id,
    name: [person.firstName, person.lastName].filter(Boolean).join(' '),
    birthYear: person.birthYear,
    ageBand: AGE_BANDS[ageBand(person.birthYear, services.now())],
    phone: person.phone,
    email: person.email,
    hasEmail: TRISTATE[person.hasEmail as keyof typeof TRISTATE] ?? 'Ne sait pas',
    accounts: Object.entries(ACCOUNT_KINDS).map(([key, label]) => ({
      label,
      value: TRISTATE[(person.accounts[key] ?? 'inconnu') as keyof typeof TRISTATE],
    })),
    consent: person.consentAt ? `Donné le ${day.format(person.consentAt)}${consentByName ? `, recueilli par ${consentByName}` : ''}` : null,
    commune: person.communeName ? `${person.communeName}${person.postalCode ? ` (${person.postalCode})` : ''}` : null,
    canLog: can(agent, 'sollicitations.enregistrer'),
    canMandate: can(agent, 'mandats.gerer'),
    canRefer: can(agent, 'orientations.envoyer'),
    canDiagnose,
    selfAssessmentToReview: canDiagnose && (await unreviewedSelfAssessments(ctx, person.id)).count > 0,
    canOpenSpace: can(agent, 'espaces.gerer'),
    canUseVault: can(agent, 'coffre.gerer'),
    canBook: can(agent, 'rendez_vous.gerer'),
    canRegister: can(agent, 'ateliers.inscrire'),
    appointments: (await appointmentsOfPerson(ctx, person.id)).map((a) => ({
      id: a.id,
      label: `${when.format(a.startsAt)} · ${a.motifName} · ${a.agentName}`,
      status: a.startsAt > ctx.now || a.status !== 'prevu' ? APPOINTMENT_STATUSES[a.status] : 'À renseigner',
    })),
    noteAdded: new URL(args.request.url).searchParams.get('note') === 'ajoutee',
    retention:
      file.retention?.kind === 'anonymisee'
        ? { kind: 'info' as const, text: `Fiche anonymisée le ${day.format(file.retention.at)} : aucune activité pendant 2 ans.` }
        : file.retention?.kind === 'signalee'
          ? {
              kind: 'warning' as const,
              text: `Aucune activité depuis près de 2 ans : cette fiche sera anonymisée à partir du ${day.format(file.retention.from)}. Une nouvelle sollicitation la garde.`,
            }
          : null,
    timeline: timeline.map((event) => ({ ...event, at: when.format(event.at) })),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'personnes.consulter');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const form = await args.request.formData();
  const parsed = parseForm(form, privateNoteSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await addPrivateNote(ctx, id, parsed.data.body!);
  if (!result?.ok) throw notFound(PERSON_NOT_FOUND);
  throw redirect(`/personnes/${id}?note=ajoutee`);
}

export default function FichePersonne() {
  const file = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const noteError = result?.errors?.body;
  return (
    <div className="fr-container fr-my-6w">
      <h1>{file.name}</h1>
      {file.retention && <Notice kind={file.retention.kind} title={file.retention.text} />}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h5">Fiche</h2>
          <dl className="relais-facts">
            <dt>Année de naissance</dt>
            <dd>{file.birthYear ? `${file.birthYear} (${file.ageBand.toLowerCase()})` : 'Non renseignée'}</dd>
            <dt>Commune</dt>
            <dd>{file.commune ?? 'Non renseignée'}</dd>
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
            <dd>{file.consent ?? 'Non recueilli'}</dd>
          </dl>
          <ul className="fr-btns-group fr-mt-2w">
            {file.canLog && (
              <li>
                <Link className="fr-btn" to={`/sollicitations/nouvelle?personne=${file.id}`}>
                  Nouvelle sollicitation
                </Link>
              </li>
            )}
            {file.canMandate && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/mandats`}>
                  Mandats et journal
                </Link>
              </li>
            )}
            {file.canDiagnose && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/parcours`}>
                  Diagnostic et parcours
                  {file.selfAssessmentToReview && ' (point fait seul à voir)'}
                </Link>
              </li>
            )}
            {file.canOpenSpace && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/espace`}>
                  Espace personnel
                </Link>
              </li>
            )}
            {file.canUseVault && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/coffre`}>
                  Coffre-fort de papiers
                </Link>
              </li>
            )}
            {file.canBook && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/rendez-vous/nouveau?personne=${file.id}`}>
                  Prendre un rendez-vous
                </Link>
              </li>
            )}
            {file.canRegister && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/ateliers`}>
                  Ateliers
                </Link>
              </li>
            )}
            {file.canRefer && (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/orienter`}>
                  Orienter vers un lieu
                </Link>
              </li>
            )}
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`/personnes/${file.id}/modifier`}>
                Modifier la fiche
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`/accueil?personne=${file.id}`}>
                Enregistrer son arrivée
              </Link>
            </li>
          </ul>
          {file.appointments.length > 0 && (
            <section aria-labelledby="rendez-vous">
              <h2 id="rendez-vous" className="fr-h5 fr-mt-4w">
                Rendez-vous
              </h2>
              <ul>
                {file.appointments.map((a) => (
                  <li key={a.id}>
                    <Link to={`/rendez-vous/${a.id}`}>{a.label}</Link> — {a.status}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <h2 className="fr-h5 fr-mt-4w">Note privée</h2>
          {file.noteAdded && <Notice kind="success" title="Note enregistrée." />}
          <Form method="post" noValidate>
            <CsrfField />
            <TextAreaField
              name="body"
              label="Nouvelle note"
              hint="Lisible par vous seul. Jamais de mot de passe ni de code."
              defaultValue={result?.values?.body}
              error={noteError}
            />
            <button className="fr-btn fr-btn--secondary" type="submit">
              Enregistrer la note
            </button>
          </Form>
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <h2 className="fr-h5">Historique ({file.timeline.length})</h2>
          <PersonTimeline events={file.timeline} />
        </div>
      </div>
    </div>
  );
}
