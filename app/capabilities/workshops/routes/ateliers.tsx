// Le catalogue des ateliers de la structure et les prochaines séances ; ajouter un atelier, le retirer ou le remettre.
import { data, Form, Link, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/ateliers';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { DIGITAL_SKILLS } from '../../../vocabulary/coop';
import { CsrfField, ErrorSummary, Notice, feedbackOf } from '../../../ui/form';
import { addWorkshop, listWorkshops, setWorkshopArchived } from '../catalogue.server';
import { upcomingCounts, upcomingSessions } from '../sessions.server';
import { workshopSchema } from '../rules';
import { seatsLabel, sessionWhen } from '../ui/labels';
import { WORKSHOP_LABELS, WorkshopFields } from '../ui/workshop-fields';
import { LEVELS } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Ateliers — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'ateliers.gerer');
  const [workshops, sessions, counts] = await Promise.all([
    listWorkshops(ctx.tx),
    upcomingSessions(ctx.tx, ctx.actor.structureId, ctx.now, undefined, 12),
    upcomingCounts(ctx.tx, ctx.actor.structureId, ctx.now),
  ]);
  return {
    workshops: workshops.map((w) => ({
      id: w.id,
      title: w.title,
      level: LEVELS[w.level],
      theme: DIGITAL_SKILLS[w.theme as keyof typeof DIGITAL_SKILLS] ?? w.theme,
      durationMinutes: w.durationMinutes,
      cycleLength: w.cycleLength,
      archived: w.archivedAt !== null,
      upcoming: counts.get(w.id) ?? 0,
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: sessionWhen.format(s.startsAt),
      place: s.placeName,
      seats: seatsLabel(s),
    })),
  };
}

const toggleSchema = z.object({ atelier: z.uuid(), retirer: z.enum(['oui', 'non']) });

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'ateliers.gerer');
  const form = await args.request.formData();
  if (form.get('intent') === 'ajouter') {
    const parsed = parseForm(form, workshopSchema);
    if (!parsed.ok) return formFailure(parsed.failure, { done: null });
    const id = await addWorkshop(ctx, { ...parsed.data, description: parsed.data.description! });
    if (!id)
      return rejectForm(form, { title: 'Un atelier du catalogue porte déjà ce titre : choisissez-en un autre.' }, { done: null }, 409);
    return { errors: {}, values: {}, done: `L’atelier « ${parsed.data.title} » est au catalogue. Programmez sa première séance.`, id };
  }
  const toggle = toggleSchema.safeParse(Object.fromEntries(form));
  if (!toggle.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const outcome = await setWorkshopArchived(ctx, toggle.data.atelier, toggle.data.retirer === 'oui');
  if (outcome === 'inconnu') throw data({ message: "Cet atelier n'existe pas dans votre structure, ou a déjà changé." }, { status: 404 });
  if (outcome === 'doublon')
    throw data({ message: 'Un atelier du catalogue porte déjà ce titre : retirez-le avant de remettre celui-ci.' }, { status: 409 });
  return { errors: {}, values: {}, done: toggle.data.retirer === 'oui' ? 'Atelier retiré du catalogue.' : 'Atelier remis au catalogue.' };
}

export default function Ateliers() {
  const { workshops, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  const created = result && 'id' in result ? result.id : null;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Ateliers</h1>
      <p>
        Des séances collectives pour apprendre à faire seul. Chaque atelier a ses séances ; chaque séance, ses inscrits et sa liste
        d’attente.
      </p>
      {result?.done && (
        <Notice kind="success" title={result.done}>
          {created && <Link to={`/ateliers/${created}`}>Ouvrir l’atelier et programmer une séance</Link>}
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={WORKSHOP_LABELS} />
      <section aria-labelledby="prochaines" className="fr-mb-6w">
        <h2 id="prochaines">Prochaines séances</h2>
        {sessions.length === 0 ? (
          <p>Aucune séance à venir.</p>
        ) : (
          <ul className="relais-plain-list">
            {sessions.map((s) => (
              <li key={s.id} className="fr-mb-2w">
                <Link to={`/ateliers/seances/${s.id}`}>
                  {s.title}, {s.when}
                </Link>
                <br />
                {s.place} · {s.seats}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="catalogue" className="fr-mb-6w">
        <h2 id="catalogue">Catalogue</h2>
        {workshops.length === 0 ? (
          <p>Aucun atelier pour l’instant : ajoutez le premier ci-dessous.</p>
        ) : (
          <ul className="relais-plain-list">
            {workshops.map((w) => (
              <li key={w.id} className="fr-mb-3w">
                <Link to={`/ateliers/${w.id}`}>
                  <strong>{w.title}</strong>
                </Link>
                {w.archived ? ' · retiré' : ''}
                <br />
                {w.level} · {w.theme} · {w.durationMinutes} min
                {w.cycleLength > 1 ? ` · cycle de ${w.cycleLength} séances` : ''} ·{' '}
                {w.upcoming === 0 ? 'aucune séance à venir' : `${w.upcoming} séance${w.upcoming > 1 ? 's' : ''} à venir`}
                <Form method="post" className="relais-inline-form">
                  <CsrfField />
                  <input type="hidden" name="atelier" value={w.id} />
                  <input type="hidden" name="retirer" value={w.archived ? 'non' : 'oui'} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                    {w.archived ? 'Remettre' : 'Retirer'}
                    <span className="fr-sr-only"> l’atelier {w.title}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ajouter">
        <h2 id="ajouter">Ajouter un atelier</h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="ajouter" />
          <WorkshopFields values={values} errors={errors} />
          <button className="fr-btn" type="submit">
            Ajouter l’atelier
          </button>
        </Form>
      </section>
    </div>
  );
}
