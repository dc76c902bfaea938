// Le planning des rendez-vous : la journée (ou la semaine) d'un agent ou de toute la structure, imprimable, sans
// JavaScript ; en tête, les rendez-vous passés encore « à renseigner ». Honoré, absent, excusé se notent d'un bouton ;
// honorer propose la sollicitation préremplie.
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/rendez-vous';
import { requireAgent } from '../../../platform/authorize.server';
import { can } from '../../../platform/policies';
import { addDays, dateFormat, localDay, mondayOf, today } from '../../../platform/time';
import { CsrfField, Notice, SelectField, TextField } from '../../../ui/form';
import { markAppointment, planningBetween, toFill } from '../appointments.server';
import { MARKED_STATUSES, type MarkedStatus } from '../booking';
import { receivingAgents } from '../ranges.server';
import { APPOINTMENT_STATUSES } from '../vocabulary';
import { APPOINTMENT_NOT_FOUND, STATUS_REFUSALS } from '../errors';

export const meta: Route.MetaFunction = () => [{ title: 'Rendez-vous — Relais' }];

const time = dateFormat({ hour: '2-digit', minute: '2-digit' });
const longDay = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = dateFormat({ weekday: 'short', day: 'numeric', month: 'short' });
const dayLabel = (day: string) => longDay.format(new Date(`${day}T12:00:00`));

const query = z.object({
  jour: z.iso.date().optional().catch(undefined),
  vue: z.enum(['jour', 'semaine']).optional().catch(undefined),
  agent: z.string().max(40).optional().catch(undefined),
});

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const url = new URL(args.request.url);
  const asked = query.parse(Object.fromEntries(url.searchParams));
  const agents = await receivingAgents(ctx.tx, ctx.actor.structureId);
  const receives = agents.some((a) => a.id === ctx.actor.userId);
  const agentId = asked.agent === 'tous' ? null : (agents.find((a) => a.id === asked.agent)?.id ?? (receives ? ctx.actor.userId : null));
  const day = asked.jour ?? today(ctx.now);
  const view = asked.vue ?? 'jour';
  const from = view === 'semaine' ? mondayOf(day) : day;
  const to = view === 'semaine' ? addDays(from, 6) : day;
  const [rows, pending] = await Promise.all([planningBetween(ctx, from, to, agentId), toFill(ctx, agentId)]);
  const present = (row: (typeof rows)[number]) => ({
    id: row.id,
    day: localDay(row.startsAt),
    dayLabel: shortDay.format(row.startsAt),
    hours: `${time.format(row.startsAt)}–${time.format(row.endsAt)}`,
    personId: row.personId,
    personName: row.personName,
    motifName: row.motifName,
    agentName: row.agentName,
    siteName: row.siteName,
    status: row.status,
    statusLabel: row.toFill ? 'À renseigner' : APPOINTMENT_STATUSES[row.status],
    started: row.startsAt.getTime() <= ctx.now.getTime(),
    byPerson: row.bookedVia === 'habitant',
  });
  return {
    day,
    view,
    from,
    to,
    title: view === 'semaine' ? `Semaine du ${dayLabel(from)}` : dayLabel(day),
    previous: addDays(from, view === 'semaine' ? -7 : -1),
    next: addDays(from, view === 'semaine' ? 7 : 1),
    agent: agentId ?? 'tous',
    agents: [{ value: 'tous', label: 'Toute la structure' }, ...agents.map((a) => ({ value: a.id, label: a.name }))],
    rows: rows.map(present),
    pending: pending.map(present),
    canOpenFiles: can(ctx.actor, 'personnes.consulter'),
    canSetRanges: can(ctx.actor, 'rendez_vous.plages'),
    canLog: can(ctx.actor, 'sollicitations.enregistrer'),
    done: url.searchParams.get('fait') === '1',
  };
}

const marking = z.object({
  id: z.uuid(),
  etat: z.enum(MARKED_STATUSES as [MarkedStatus, ...MarkedStatus[]]),
  retour: z.string().max(300).optional(),
});

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const parsed = marking.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const result = await markAppointment(ctx, parsed.data.id, parsed.data.etat);
  if (!result.ok) {
    if (result.error === 'introuvable') throw data({ message: APPOINTMENT_NOT_FOUND }, { status: 404 });
    return data({ problem: STATUS_REFUSALS[result.error], id: parsed.data.id }, { status: 409 });
  }
  // Honoré : la sollicitation préremplie (personne, organisme, motif, durée), si l'agent en note.
  if (parsed.data.etat === 'honore' && can(ctx.actor, 'sollicitations.enregistrer'))
    throw redirect(`/sollicitations/nouvelle?rendez-vous=${parsed.data.id}`);
  const back = parsed.data.retour?.startsWith('/rendez-vous') ? parsed.data.retour : '/rendez-vous';
  throw redirect(`${back}${back.includes('?') ? '&' : '?'}fait=1`);
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number];

function StatusButtons({ row, back }: { row: Row; back: string }) {
  if (row.status === 'annule') return null;
  const choices = MARKED_STATUSES.filter((status) => status !== row.status && (status === 'excuse' || row.started));
  if (choices.length === 0) return null;
  return (
    <Form method="post" className="relais-inline-form relais-no-print">
      <CsrfField />
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="retour" value={back} />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        {choices.map((status) => (
          <li key={status}>
            <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="etat" value={status}>
              {APPOINTMENT_STATUSES[status]}
              <span className="fr-sr-only">
                {' '}
                : {row.personName}, {row.dayLabel} {row.hours}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Form>
  );
}

function AppointmentLine({ row, back, canOpenFiles }: { row: Row; back: string; canOpenFiles: boolean }) {
  return (
    <li className="fr-mb-3w">
      <strong>{row.hours}</strong> · {canOpenFiles ? <Link to={`/personnes/${row.personId}`}>{row.personName}</Link> : row.personName} ·{' '}
      {row.motifName}
      <br />
      <span className="fr-text--sm">
        {row.agentName} · {row.siteName}
        {row.byPerson ? ' · pris par la personne' : ''} ·{' '}
      </span>
      <span className={`fr-badge fr-badge--sm${row.statusLabel === 'À renseigner' ? ' fr-badge--warning' : ''}`}>{row.statusLabel}</span>{' '}
      <Link to={`/rendez-vous/${row.id}`} className="fr-text--sm relais-no-print">
        Détails<span className="fr-sr-only"> du rendez-vous de {row.personName}</span>
      </Link>
      <StatusButtons row={row} back={back} />
    </li>
  );
}

export default function Planning() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const back = `/rendez-vous?jour=${page.day}&vue=${page.view}&agent=${page.agent}`;
  const days = [...new Set(page.rows.map((r) => r.day))];
  return (
    <div className="fr-container fr-my-6w">
      <h1>Rendez-vous — {page.title}</h1>
      {page.done && <Notice kind="success" title="C'est noté." />}
      {result?.problem && <Notice kind="error" title={result.problem} />}
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm relais-no-print">
        <li>
          <Link className="fr-btn fr-btn--sm" to="/rendez-vous/nouveau">
            Prendre un rendez-vous
          </Link>
        </li>
        {page.canSetRanges && (
          <li>
            <Link className="fr-btn fr-btn--sm fr-btn--secondary" to="/rendez-vous/plages">
              Plages et absences
            </Link>
          </li>
        )}
      </ul>
      <Form method="get" className="relais-no-print fr-mb-4w">
        <SelectField name="agent" label="Agent" options={page.agents} defaultValue={page.agent} />
        <TextField name="jour" type="date" label="Jour" defaultValue={page.day} />
        <SelectField
          name="vue"
          label="Vue"
          options={[
            { value: 'jour', label: 'La journée' },
            { value: 'semaine', label: 'La semaine' },
          ]}
          defaultValue={page.view}
        />
        <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
          Afficher
        </button>
      </Form>
      <nav aria-label="Autres jours" className="relais-no-print fr-mb-4w">
        <Link to={`/rendez-vous?jour=${page.previous}&vue=${page.view}&agent=${page.agent}`}>
          ← {page.view === 'semaine' ? 'Semaine précédente' : 'Jour précédent'}
        </Link>{' '}
        · <Link to={`/rendez-vous?vue=${page.view}&agent=${page.agent}`}>Aujourd'hui</Link> ·{' '}
        <Link to={`/rendez-vous?jour=${page.next}&vue=${page.view}&agent=${page.agent}`}>
          {page.view === 'semaine' ? 'Semaine suivante' : 'Jour suivant'} →
        </Link>
      </nav>
      {page.pending.length > 0 && (
        <section aria-labelledby="a-renseigner" className="fr-mb-4w relais-no-print">
          <h2 id="a-renseigner">À renseigner ({page.pending.length})</h2>
          <p>Ces rendez-vous sont passés : la personne est-elle venue ?</p>
          <ul className="relais-plain-list">
            {page.pending.map((row) => (
              <AppointmentLine
                key={row.id}
                row={{ ...row, hours: `${row.dayLabel}, ${row.hours}` }}
                back={back}
                canOpenFiles={page.canOpenFiles}
              />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="planning">
        <h2 id="planning">{page.view === 'semaine' ? 'La semaine' : 'La journée'}</h2>
        {page.rows.length === 0 ? (
          <p>Aucun rendez-vous {page.view === 'semaine' ? 'cette semaine' : 'ce jour-là'}.</p>
        ) : (
          days.map((day) => (
            <div key={day}>
              {page.view === 'semaine' && <h3>{dayLabel(day)}</h3>}
              <ul className="relais-plain-list">
                {page.rows
                  .filter((r) => r.day === day)
                  .map((row) => (
                    <AppointmentLine key={row.id} row={row} back={back} canOpenFiles={page.canOpenFiles} />
                  ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </div>
  );
}
