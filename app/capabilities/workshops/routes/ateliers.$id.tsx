// Un atelier du catalogue : ce qu'il est, ses séances à venir et passées, et programmer une séance (une fois, ou la
// même heure plusieurs semaines de suite).
import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/ateliers.$id';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { DIGITAL_SKILLS } from '../../../vocabulary/coop';
import { CheckboxGroup, CsrfField, ErrorSummary, Notice, SelectField, TextField, feedbackOf } from '../../../ui/form';
import { HELPER_SKILLS } from '../../diagnosis/vocabulary';
import { sessionSchema, MAX_REPEAT } from '../rules';
import { addSessions, pastSessions, sessionChoices, upcomingSessions } from '../sessions.server';
import { workshopRequest } from '../request.server';
import { seatsLabel, sessionWhen } from '../ui/labels';
import { LEVELS } from '../vocabulary';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.workshop.title ?? 'Atelier'} — Ateliers — Relais` }];

const LABELS = {
  day: 'Jour de la (première) séance',
  startTime: 'Heure de début',
  placeId: 'Lieu',
  capacity: 'Nombre de places',
  facilitatorId: 'Qui anime',
  facilitatorName: 'Ou un partenaire (nom)',
  peerHelperIds: 'Pairs-aidants présents',
  repeat: 'Nombre de séances, une par semaine',
};

export async function loader(args: Route.LoaderArgs) {
  const { ctx, workshop } = await workshopRequest(args);
  const [upcoming, past, choices] = await Promise.all([
    upcomingSessions(ctx.tx, ctx.actor.structureId, ctx.now, workshop.id),
    pastSessions(ctx.tx, ctx.actor.structureId, ctx.now, workshop.id),
    sessionChoices(ctx.tx, ctx.actor.structureId),
  ]);
  const line = (s: (typeof upcoming)[number]) => ({
    id: s.id,
    when: sessionWhen.format(s.startsAt),
    place: s.placeName,
    facilitator: s.facilitatorName,
    seats: seatsLabel(s),
  });
  return {
    workshop: {
      id: workshop.id,
      title: workshop.title,
      description: workshop.description,
      level: LEVELS[workshop.level],
      theme: DIGITAL_SKILLS[workshop.theme as keyof typeof DIGITAL_SKILLS] ?? workshop.theme,
      skills: workshop.skills.map((s) => HELPER_SKILLS[s as keyof typeof HELPER_SKILLS] ?? s),
      durationMinutes: workshop.durationMinutes,
      toBring: workshop.toBring,
      prerequisites: workshop.prerequisites,
      cycleLength: workshop.cycleLength,
      archived: workshop.archivedAt !== null,
    },
    upcoming: upcoming.map(line),
    past: past.map(line),
    choices,
    defaultAgent: choices.agents.some((a) => a.value === ctx.actor.userId) ? ctx.actor.userId : '',
    programmed: Number(new URL(args.request.url).searchParams.get('programmees')) || 0,
    edited: new URL(args.request.url).searchParams.has('modifie'),
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, workshop } = await workshopRequest(args);
  const form = await args.request.formData();
  const choices = await sessionChoices(ctx.tx, ctx.actor.structureId);
  const schema = sessionSchema(
    {
      places: new Set(choices.places.map((p) => p.value)),
      agents: new Set(choices.agents.map((a) => a.value)),
      helpers: new Set(choices.helpers.map((h) => h.value)),
    },
    ctx.now,
  );
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const created = await addSessions(ctx, workshop.id, parsed.data);
  if (!created)
    return formFailure({
      errors: { day: 'Cet atelier est retiré du catalogue : remettez-le avant d’en programmer une séance.' },
      values: {},
    });
  throw redirect(created.length === 1 ? `/ateliers/seances/${created[0]}` : `/ateliers/${workshop.id}?programmees=${created.length}`);
}

export default function Atelier() {
  const { workshop, upcoming, past, choices, defaultAgent, programmed, edited } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/ateliers">Ateliers</Link>
      </p>
      <h1>{workshop.title}</h1>
      {edited && <Notice kind="success" title="Atelier modifié." />}
      {programmed > 0 && <Notice kind="success" title={`${programmed} séances programmées, une par semaine.`} />}
      {workshop.archived && <p className="fr-badge fr-badge--warning">Retiré du catalogue</p>}
      <p>{workshop.description}</p>
      <dl className="relais-facts">
        <dt>Niveau</dt>
        <dd>{workshop.level}</dd>
        <dt>Thématique</dt>
        <dd>{workshop.theme}</dd>
        {workshop.skills.length > 0 && (
          <>
            <dt>Gestes travaillés</dt>
            <dd>{workshop.skills.join(', ')}</dd>
          </>
        )}
        <dt>Durée</dt>
        <dd>
          {workshop.durationMinutes} min{workshop.cycleLength > 1 ? `, cycle de ${workshop.cycleLength} séances` : ''}
        </dd>
        {workshop.toBring && (
          <>
            <dt>À apporter</dt>
            <dd>{workshop.toBring}</dd>
          </>
        )}
        {workshop.prerequisites && (
          <>
            <dt>Prérequis</dt>
            <dd>{workshop.prerequisites}</dd>
          </>
        )}
      </dl>
      <p>
        <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={`/ateliers/${workshop.id}/modifier`}>
          Modifier l’atelier
        </Link>
      </p>
      <section aria-labelledby="a-venir" className="fr-mt-4w">
        <h2 id="a-venir">Séances à venir</h2>
        {upcoming.length === 0 ? (
          <p>Aucune séance à venir.</p>
        ) : (
          <ul className="relais-plain-list">
            {upcoming.map((s) => (
              <li key={s.id} className="fr-mb-2w">
                <Link to={`/ateliers/seances/${s.id}`}>{s.when}</Link>
                <br />
                {s.place} · {s.facilitator ? `animé par ${s.facilitator} · ` : ''}
                {s.seats}
              </li>
            ))}
          </ul>
        )}
      </section>
      {!workshop.archived && (
        <section aria-labelledby="programmer" className="fr-mt-4w">
          <h2 id="programmer">Programmer une séance</h2>
          <ErrorSummary errors={errors} labels={LABELS} />
          <Form method="post" noValidate>
            <CsrfField />
            <TextField name="day" label={LABELS.day} type="date" required defaultValue={values.day} error={errors.day} />
            <TextField
              name="startTime"
              label={LABELS.startTime}
              type="time"
              required
              defaultValue={values.startTime ?? '14:00'}
              error={errors.startTime}
            />
            <SelectField
              name="placeId"
              label={LABELS.placeId}
              hint="Un lieu d’accueil de l’annuaire de la structure."
              options={choices.places}
              defaultValue={values.placeId ?? choices.places[0]?.value}
              error={errors.placeId}
            />
            <TextField
              name="capacity"
              label={LABELS.capacity}
              type="number"
              inputMode="numeric"
              min={1}
              max={200}
              required
              defaultValue={values.capacity ?? '8'}
              error={errors.capacity}
            />
            <SelectField
              name="facilitatorId"
              label={LABELS.facilitatorId}
              options={choices.agents}
              placeholder="Un partenaire (nom ci-dessous)"
              defaultValue={values.facilitatorId ?? defaultAgent}
              error={errors.facilitatorId}
            />
            <TextField
              name="facilitatorName"
              label={LABELS.facilitatorName}
              defaultValue={values.facilitatorName}
              error={errors.facilitatorName}
            />
            {choices.helpers.length > 0 && (
              <CheckboxGroup
                name="peerHelperIds"
                legend={LABELS.peerHelperIds}
                options={choices.helpers}
                defaultValues={values.peerHelperIds?.split(',')}
                error={errors.peerHelperIds}
              />
            )}
            <TextField
              name="repeat"
              label={LABELS.repeat}
              hint={`1 pour une seule séance ; jusqu’à ${MAX_REPEAT} pour la même heure chaque semaine.`}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_REPEAT}
              required
              defaultValue={values.repeat ?? String(workshop.cycleLength)}
              error={errors.repeat}
            />
            <button className="fr-btn" type="submit">
              Programmer
            </button>
          </Form>
        </section>
      )}
      {past.length > 0 && (
        <section aria-labelledby="passees" className="fr-mt-4w">
          <h2 id="passees">Dernières séances</h2>
          <ul className="relais-plain-list">
            {past.map((s) => (
              <li key={s.id}>
                <Link to={`/ateliers/seances/${s.id}`}>{s.when}</Link> · {s.place} · {s.seats}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
