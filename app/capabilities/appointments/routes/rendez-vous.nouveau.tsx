// Prendre un rendez-vous pour une personne (au guichet, au téléphone) : la personne, le motif, puis un créneau libre
// parmi ceux de la semaine (plages, moins absences, fériés et rendez-vous pris). Chaque étape est une page : tout
// fonctionne sans JavaScript. Un créneau pris entre-temps est refusé avec la raison, à côté de la liste.
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/rendez-vous.nouveau';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound } from '../../../platform/http.server';
import { SelectField, TextField } from '../../../ui/form';
import { readPersonSummary } from '../../reception/person-summary.server';
import { MIN_SEARCH_LENGTH } from '../../reception/rules';
import { searchPersons } from '../../reception/search-persons.server';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { activeMotif, bookByAgent } from '../appointments.server';
import { UNAVAILABLE_MESSAGES } from '../booking';
import { rangeChoices } from '../ranges.server';
import { SlotWeek } from '../ui/slot-week';
import { LOCATION_TYPES } from '../vocabulary';
import { weekOfSlots } from '../week-slots.server';

export const meta: Route.MetaFunction = () => [{ title: 'Prendre un rendez-vous — Relais' }];

const query = z.object({
  personne: z.uuid().optional().catch(undefined),
  motif: z.uuid().optional().catch(undefined),
  a_partir: z.iso.date().optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
});

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const asked = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!asked.personne) {
    const q = asked.q?.trim() ?? '';
    const results = q.length >= MIN_SEARCH_LENGTH ? await searchPersons(ctx, q) : [];
    return {
      step: 'personne' as const,
      q,
      tooShort: q.length > 0 && q.length < MIN_SEARCH_LENGTH,
      results: results.map((r) => ({ id: r.id, label: `${r.firstName} ${r.lastName ?? ''}${r.birthYear ? ` (${r.birthYear})` : ''}` })),
    };
  }
  const person = await readPersonSummary(ctx, asked.personne);
  if (!person) throw notFound(PERSON_NOT_FOUND);
  const { motifs } = await rangeChoices(ctx);
  const motif = asked.motif ? await activeMotif(ctx.tx, ctx.actor.structureId, asked.motif) : null;
  if (!motif)
    return {
      step: 'motif' as const,
      person,
      motifs: motifs.map((m) => ({ value: m.id, label: `${m.name} (${m.durationMinutes} min)` })),
      unknownMotif: Boolean(asked.motif),
    };
  return {
    step: 'creneau' as const,
    person,
    motif: { id: motif.id, name: motif.name, durationMinutes: motif.durationMinutes, where: LOCATION_TYPES[motif.locationType] },
    week: await weekOfSlots(ctx, motif, asked.a_partir),
  };
}

const booking = z.object({
  personId: z.uuid(),
  motifId: z.uuid(),
  agentId: z.uuid(),
  siteId: z.uuid(),
  start: z.iso.datetime().transform((value) => new Date(value)),
});

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const parsed = booking.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ problem: 'Choisissez un créneau dans la liste.' }, { status: 400 });
  const result = await bookByAgent(ctx, parsed.data);
  if (!result.ok) {
    if (result.error === 'personne_inconnue') throw notFound(PERSON_NOT_FOUND);
    if (result.error === 'motif_inconnu') return data({ problem: 'Ce motif n’existe plus : choisissez-en un autre.' }, { status: 409 });
    return data({ problem: UNAVAILABLE_MESSAGES[result.error] }, { status: 409 });
  }
  throw redirect(`/rendez-vous/${result.id}?pris=1`);
}

export default function NewAppointment() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/rendez-vous">← Rendez-vous</Link>
      </p>
      <h1>Prendre un rendez-vous</h1>
      {page.step === 'personne' ? (
        <>
          <Form method="get" role="search" className="fr-mb-3w">
            <TextField
              name="q"
              type="search"
              label="Pour qui ?"
              hint="3 lettres du nom ou du prénom, l'année de naissance ou le téléphone"
              autoComplete="off"
              spellCheck={false}
              defaultValue={page.q}
              error={page.tooShort ? 'Tapez au moins 3 caractères.' : undefined}
            />
            <button className="fr-btn fr-btn--secondary" type="submit">
              Rechercher
            </button>
          </Form>
          {page.q.length >= 3 && (
            <section aria-labelledby="resultats">
              <h2 id="resultats" className="fr-h5">
                {page.results.length === 0 ? 'Aucune personne trouvée' : 'Personnes trouvées'}
              </h2>
              {page.results.length === 0 ? (
                <p>
                  Une personne qui n'a pas encore de fiche : <Link to="/sollicitations/nouvelle?nouvelle">créez-la</Link>, puis revenez.
                </p>
              ) : (
                <ul className="relais-results">
                  {page.results.map((r) => (
                    <li key={r.id}>
                      <Link to={`/rendez-vous/nouveau?personne=${r.id}`}>{r.label}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </>
      ) : (
        <>
          <p>
            Pour <strong>{page.person.label}</strong> · <Link to="/rendez-vous/nouveau">Changer de personne</Link>
          </p>
          {page.step === 'motif' ? (
            <Form method="get">
              <input type="hidden" name="personne" value={page.person.id} />
              {page.motifs.length === 0 ? (
                <p>Aucun motif de rendez-vous : le responsable les ajoute dans Administration › Motifs de rendez-vous.</p>
              ) : (
                <>
                  <SelectField
                    name="motif"
                    label="Motif"
                    options={page.motifs}
                    placeholder="— Choisir le motif —"
                    error={page.unknownMotif ? 'Ce motif n’existe plus : choisissez-en un autre.' : undefined}
                  />
                  <button className="fr-btn" type="submit">
                    Voir les créneaux libres
                  </button>
                </>
              )}
            </Form>
          ) : (
            <section aria-labelledby="creneaux" aria-describedby={result?.problem ? 'creneau-erreur' : undefined}>
              <h2 id="creneaux">
                {page.motif.name} · {page.motif.durationMinutes} min · {page.motif.where}
              </h2>
              <p>
                <Link to={`/rendez-vous/nouveau?personne=${page.person.id}`}>Changer de motif</Link>
              </p>
              <SlotWeek
                week={page.week}
                hidden={{ personId: page.person.id, motifId: page.motif.id }}
                weekHref={(from) => `/rendez-vous/nouveau?personne=${page.person.id}&motif=${page.motif.id}&a_partir=${from}`}
                problem={result?.problem}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}
