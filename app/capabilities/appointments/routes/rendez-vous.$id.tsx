// Un rendez-vous : qui, quoi, quand, où, pris comment ; son état (honoré, absent, excusé) ; l'annulation par le service
// avec sa raison ; une fois honoré, la sollicitation préremplie. Imprimable, sans JavaScript.
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/rendez-vous.$id';
import { requireAgent } from '../../../platform/authorize.server';
import { freeText } from '../../../platform/fields';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { can } from '../../../platform/policies';
import { fullName } from '../../../platform/text';
import { dateFormat, localDay } from '../../../platform/time';
import { CsrfField, ErrorSummary, Notice, TextField, feedbackOf } from '../../../ui/form';
import { cancelByService, markAppointment, readAppointment, replacementOf } from '../appointments.server';
import { canMark, isToFill, MARKED_STATUSES, type MarkedStatus } from '../booking';
import { APPOINTMENT_NOT_FOUND, STATUS_REFUSALS } from '../errors';
import { APPOINTMENT_STATUSES, BOOKED_VIA, LOCATION_TYPES } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Rendez-vous — Relais' }];

const when = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const time = dateFormat({ hour: '2-digit', minute: '2-digit' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const id = requireIdParam(args.params.id, APPOINTMENT_NOT_FOUND);
  const row = await readAppointment(ctx, id);
  if (!row) throw notFound(APPOINTMENT_NOT_FOUND);
  const { appointment: a, person, motif } = row;
  const toFill = isToFill(a.status, a.endsAt, ctx.now);
  const replacement = a.status === 'annule' ? await replacementOf(ctx, a.id) : null;
  return {
    id: a.id,
    day: localDay(a.startsAt),
    personId: a.personId,
    personName: fullName(person.firstName, person.lastName),
    motif: motif.name,
    where: LOCATION_TYPES[motif.locationType],
    instructions: motif.instructions,
    when: `${when.format(a.startsAt)} – ${time.format(a.endsAt)}`,
    agentName: row.agentName,
    siteName: row.siteName,
    status: a.status,
    statusLabel: toFill ? 'À renseigner' : APPOINTMENT_STATUSES[a.status],
    bookedVia: BOOKED_VIA[a.bookedVia],
    cancelled:
      a.status === 'annule'
        ? `${a.cancelledBy === 'personne' ? 'par la personne' : 'par le service'}${a.cancelReason ? ` : ${a.cancelReason}` : ''}`
        : null,
    marks: MARKED_STATUSES.filter((s) => canMark(a.status, s, a.startsAt, ctx.now)),
    canCancel: a.status === 'prevu',
    canMove: a.status === 'prevu' && a.startsAt > ctx.now,
    replaces: a.replacesId,
    replacement: replacement && { id: replacement.id, when: when.format(replacement.startsAt) },
    solicitation:
      a.status === 'honore' && !a.solicitationId && can(ctx.actor, 'sollicitations.enregistrer')
        ? `/sollicitations/nouvelle?rendez-vous=${a.id}`
        : null,
    canOpenFile: can(ctx.actor, 'personnes.consulter'),
    justBooked: new URL(args.request.url).searchParams.has('pris'),
    justMoved: new URL(args.request.url).searchParams.has('change'),
  };
}

const marking = z.object({ intent: z.literal('etat'), etat: z.enum(MARKED_STATUSES as [MarkedStatus, ...MarkedStatus[]]) });
const cancelling = z.object({
  motif: freeText(300, 'La raison').pipe(z.string({ error: 'Dites pourquoi le service annule : la personne le lira.' })),
});

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const id = requireIdParam(args.params.id, APPOINTMENT_NOT_FOUND);
  const form = await args.request.formData();
  if (form.get('intent') === 'annuler') {
    const parsed = parseForm(form, cancelling);
    if (!parsed.ok) return formFailure(parsed.failure, { problem: null });
    if (!(await cancelByService(ctx, id, parsed.data.motif)))
      return data({ errors: {}, values: {}, problem: 'Ce rendez-vous n’est plus prévu : il ne peut pas être annulé.' }, { status: 409 });
    throw redirect(`/rendez-vous/${id}`);
  }
  const parsed = marking.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const result = await markAppointment(ctx, id, parsed.data.etat);
  if (!result.ok) {
    if (result.error === 'introuvable') throw notFound(APPOINTMENT_NOT_FOUND);
    return data({ errors: {}, values: {}, problem: STATUS_REFUSALS[result.error] }, { status: 409 });
  }
  if (parsed.data.etat === 'honore' && can(ctx.actor, 'sollicitations.enregistrer'))
    throw redirect(`/sollicitations/nouvelle?rendez-vous=${id}`);
  throw redirect(`/rendez-vous/${id}`);
}

export default function Appointment() {
  const a = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  return (
    <div className="fr-container fr-my-6w">
      <p className="relais-no-print">
        <Link to={`/rendez-vous?jour=${a.day}`}>← Le planning du jour</Link>
      </p>
      <h1>Rendez-vous de {a.personName}</h1>
      {a.justBooked && <Notice kind="success" title="Le rendez-vous est pris." />}
      {a.justMoved && <Notice kind="success" title="L’heure est changée : la personne est prévenue." />}
      {result && 'problem' in result && result.problem && <Notice kind="error" title={result.problem} />}
      <dl className="relais-facts">
        <dt>Quand</dt>
        <dd>{a.when}</dd>
        <dt>Motif</dt>
        <dd>
          {a.motif} · {a.where}
        </dd>
        <dt>Avec</dt>
        <dd>
          {a.agentName} · {a.siteName}
        </dd>
        <dt>État</dt>
        <dd>
          {a.statusLabel}
          {a.cancelled ? ` ${a.cancelled}` : ''}
        </dd>
        <dt>Pris</dt>
        <dd>
          {a.bookedVia}
          {a.replaces && (
            <>
              {' '}
              · <Link to={`/rendez-vous/${a.replaces}`}>remplace un rendez-vous changé d’heure</Link>
            </>
          )}
        </dd>
        {a.replacement && (
          <>
            <dt>Remplacé par</dt>
            <dd>
              <Link to={`/rendez-vous/${a.replacement.id}`}>le rendez-vous du {a.replacement.when}</Link>
            </dd>
          </>
        )}
        {a.instructions && (
          <>
            <dt>Consignes données à la personne</dt>
            <dd>{a.instructions}</dd>
          </>
        )}
      </dl>
      {a.canOpenFile && (
        <p className="relais-no-print">
          <Link to={`/personnes/${a.personId}`}>Fiche de {a.personName}</Link>
        </p>
      )}
      {a.solicitation && (
        <p className="relais-no-print">
          <Link className="fr-btn" to={a.solicitation}>
            Noter la sollicitation de ce rendez-vous
          </Link>
        </p>
      )}
      {a.marks.length > 0 && (
        <Form method="post" className="relais-no-print fr-mb-4w">
          <CsrfField />
          <input type="hidden" name="intent" value="etat" />
          <p>La personne est-elle venue ?</p>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            {a.marks.map((status) => (
              <li key={status}>
                <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="etat" value={status}>
                  {APPOINTMENT_STATUSES[status]}
                </button>
              </li>
            ))}
          </ul>
        </Form>
      )}
      {a.canMove && (
        <p className="relais-no-print">
          <Link className="fr-btn fr-btn--secondary" to={`/rendez-vous/${a.id}/changer`}>
            Changer l’heure
          </Link>
        </p>
      )}
      {a.canCancel && (
        <section aria-labelledby="annuler" className="relais-no-print">
          <h2 id="annuler">Annuler ce rendez-vous</h2>
          <ErrorSummary errors={errors} labels={{ motif: 'Raison' }} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="annuler" />
            <TextField
              name="motif"
              label="Raison"
              hint="La personne la lira (par exemple : « agent absent, nous vous rappelons »)."
              defaultValue={values.motif}
              error={errors.motif}
              required
            />
            <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
              Annuler le rendez-vous
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
