import { useEffect } from 'react';
import { data, Form, Link, redirect, useActionData, useLoaderData, useRevalidator } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/accueil';
import { listQueue, markLeft, registerArrival, releaseToQueue, takeFromQueue } from '../queue.server';
import { readPersonSummary } from '../person-summary.server';
import { searchPersons } from '../search-persons.server';
import { arrivalSchema, distinguishing, MIN_SEARCH_LENGTH, publicName, TAKEN_RETURNS_AFTER_MINUTES } from '../rules';
import { organisationLabels, selectableOrganisations } from '../organisations';
import { catalogIn } from '../organisations.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CheckboxGroup, CsrfField, ErrorSummary, Notice, optionsOf, SelectField, TextField, feedbackOf } from '../../../ui/form';
import { CardCell, CardRow, CardTable } from '../../../ui/card-table';
import { dateFormat } from '../../../platform/time';
import { ofName } from '../../../platform/text';
import { RECEPTION_ERRORS } from '../errors';

export const meta: Route.MetaFunction = () => [{ title: "File d'attente — Relais" }];

const hour = dateFormat({ timeStyle: 'short' });
const day = dateFormat({ dateStyle: 'medium' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'file_attente.gerer');
  const services = servicesOf(args.context);
  const params = new URL(args.request.url).searchParams;
  const personId = z.uuid().safeParse(params.get('personne'));
  const person = personId.success ? await readPersonSummary(ctx, personId.data) : null;
  // Une personne déjà connue : l'accueil la retrouve pour que sa fiche suive l'arrivée jusqu'au médiateur.
  const q = params.get('q')?.trim() ?? '';
  const matches = !person && q.length >= MIN_SEARCH_LENGTH ? await searchPersons(ctx, q) : [];
  const now = services.now().getTime();
  const catalog = await catalogIn(ctx.tx);
  const labels = organisationLabels(catalog);
  const queue = await listQueue(ctx);
  const shown = <E extends (typeof queue.entries)[number]>(e: E) => ({
    ...e,
    organisation: e.organisation ? (labels[e.organisation] ?? null) : null,
    arrivedAt: hour.format(e.arrivedAt),
    waitingMinutes: Math.max(0, Math.floor((now - e.arrivedAt.getTime()) / 60_000)),
  });
  const screen = params.get('ecran') === '1';
  return {
    // L'écran en continu fait face au public : le prénom et l'initiale, ni motif ni organisme.
    entries: screen
      ? queue.entries.map((e) => ({ ...shown(e), displayName: publicName(e.displayName), organisation: null, reason: null }))
      : queue.entries.map(shown),
    taken: queue.taken.map((e) => ({ ...shown(e), takenAt: hour.format(e.takenAt) })),
    organisations: optionsOf(selectableOrganisations(catalog)),
    person,
    q,
    tooShort: q.length > 0 && q.length < MIN_SEARCH_LENGTH,
    matches: matches.map((m) => ({
      id: m.id,
      label:
        [m.firstName, m.lastName].filter(Boolean).join(' ') +
        (m.birthYear ? ` (${m.birthYear})` : '') +
        [distinguishing(m), m.lastVisit ? `venue le ${day.format(m.lastVisit)}` : 'jamais venue']
          .filter(Boolean)
          .map((part) => ` · ${part}`)
          .join(''),
    })),
    screen,
    notice: params.get('fait'),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'file_attente.gerer');
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'arrivee') {
    const parsed = parseForm(form, arrivalSchema(await catalogIn(ctx.tx)));
    if (!parsed.ok) return formFailure(parsed.failure, { message: null });
    const result = await registerArrival(ctx, parsed.data);
    if (!result.ok) return data(feedback({}, {}, { message: RECEPTION_ERRORS[result.error] }), { status: 404 });
    throw redirect('/accueil?fait=arrivee');
  }
  const entryId = z.uuid().safeParse(form.get('entree'));
  if (intent === 'remettre') {
    const result = entryId.success ? await releaseToQueue(ctx, entryId.data) : { ok: false as const, error: 'deja_pris' as const };
    if (!result.ok) return data(feedback({}, {}, { message: RECEPTION_ERRORS[result.error] }), { status: 409 });
    throw redirect('/accueil?fait=remise');
  }
  if (intent === 'depart') {
    const result = entryId.success ? await markLeft(ctx, entryId.data) : { ok: false as const, error: 'deja_pris' as const };
    if (!result.ok) return data(feedback({}, {}, { message: RECEPTION_ERRORS[result.error] }), { status: 409 });
    throw redirect('/accueil?fait=depart');
  }
  const result = await takeFromQueue(ctx, intent === 'prendre' && entryId.success ? entryId.data : null);
  if (!result.ok) return data(feedback({}, {}, { message: RECEPTION_ERRORS[result.error] }), { status: 409 });
  throw redirect(`/sollicitations/nouvelle?file=${result.entry.id}`);
}

/** Avec JavaScript, la file se met à jour seule (événements du serveur) ; sans, un lien et l'écran en continu. */
function useLiveQueue() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const source = new EventSource('/accueil/evenements');
    source.onmessage = () => void revalidator.revalidate();
    return () => source.close();
  }, [revalidator]);
}

export default function FileAttente() {
  const { entries, taken, organisations, person, q, tooShort, matches, screen, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useLiveQueue();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result).values;
  return (
    <div className="fr-container fr-my-6w">
      {/* Sans JavaScript, l'écran en continu se recharge toutes les 30 secondes. */}
      {screen && (
        <noscript>
          <meta httpEquiv="refresh" content="30" />
        </noscript>
      )}
      <h1>File d'attente</h1>
      {notice === 'arrivee' && <Notice kind="success" title="Arrivée enregistrée." />}
      {notice === 'depart' && <Notice kind="info" title="Départ sans rendez-vous noté." />}
      {notice === 'remise' && <Notice kind="success" title="Personne remise dans la file, à sa place d'arrivée." />}
      {result?.message && <Notice kind="error" title={result.message} />}
      <p className="fr-text--lead" aria-live="polite">
        {entries.length === 0 ? "Personne n'attend." : `${entries.length} personne${entries.length > 1 ? 's' : ''} en attente.`}
      </p>
      {!screen && entries.length > 0 && (
        <Form method="post" className="fr-mb-3w">
          <CsrfField />
          <input type="hidden" name="intent" value="suivant" />
          <button className="fr-btn" type="submit" accessKey="p">
            Prendre la personne suivante
          </button>
        </Form>
      )}
      {entries.length > 0 && (
        <CardTable
          caption="Dans l'ordre de passage : urgences d'abord, puis ordre d'arrivée"
          columns={screen ? ['Personne', 'Attend depuis'] : ['Personne', 'Pour', 'Attend depuis', 'Actions']}
          cards={!screen}
        >
          {entries.map((entry) => (
            <CardRow key={entry.id}>
              <CardCell>
                {entry.urgent && <span className="fr-badge fr-badge--error fr-badge--sm fr-mr-1w">Urgent</span>}
                {entry.displayName}
              </CardCell>
              {!screen && <CardCell label="Pour">{[entry.organisation, entry.reason].filter(Boolean).join(' — ') || '—'}</CardCell>}
              <CardCell label="Attend depuis">
                {entry.waitingMinutes} min (arrivée à {entry.arrivedAt})
              </CardCell>
              {!screen && (
                <CardCell>
                  <Form method="post" className="relais-inline-form">
                    <CsrfField />
                    <input type="hidden" name="entree" value={entry.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="intent" value="prendre">
                      Prendre en charge<span className="fr-sr-only"> {entry.displayName}</span>
                    </button>{' '}
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" name="intent" value="depart">
                      Parti sans être reçu<span className="fr-sr-only"> : {entry.displayName}</span>
                    </button>
                  </Form>
                </CardCell>
              )}
            </CardRow>
          ))}
        </CardTable>
      )}
      {!screen && taken.length > 0 && <TakenEntries taken={taken} />}
      <p>
        <Link to={screen ? '/accueil?ecran=1' : '/accueil'}>Actualiser</Link>
        {' · '}
        {screen ? (
          <Link to="/accueil">Revenir à la gestion de la file</Link>
        ) : (
          <Link to="/accueil?ecran=1">Affichage en continu (écran d'accueil)</Link>
        )}
      </p>

      {!screen && (
        <section aria-labelledby="arrivee" className="fr-mt-6w">
          <h2 id="arrivee">Enregistrer une arrivée</h2>
          {person ? (
            <p>
              Fiche de <strong>{person.label}</strong> : elle suivra l'arrivée jusqu'au médiateur.{' '}
              <Link to="/accueil#arrivee">Ne pas lier de fiche</Link>
            </p>
          ) : (
            <Form method="get" role="search" action="/accueil" className="fr-mb-3w">
              <TextField
                name="q"
                type="search"
                label="Personne déjà venue ? (facultatif)"
                hint="3 lettres du nom ou du prénom, l'année de naissance ou le téléphone"
                autoComplete="off"
                spellCheck={false}
                defaultValue={q}
                error={tooShort ? 'Tapez au moins 3 caractères.' : undefined}
              />
              <button className="fr-btn fr-btn--secondary" type="submit">
                Rechercher
              </button>
              {q.length >= MIN_SEARCH_LENGTH && (
                <div role="status">
                  {matches.length === 0 ? (
                    <p className="fr-mt-2w">Aucune fiche trouvée : le prénom suffit.</p>
                  ) : (
                    <ul className="fr-mt-2w">
                      {matches.map((m) => (
                        <li key={m.id}>
                          <Link to={`/accueil?personne=${m.id}#arrivee`}>{m.label}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </Form>
          )}
          <ErrorSummary errors={errors} labels={{ displayName: 'Personne', reason: 'Motif', organisation: 'Organisme' }} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="arrivee" />
            {person && <input type="hidden" name="personId" value={person.id} />}
            <TextField
              name="displayName"
              label="Personne"
              hint="Le prénom suffit"
              autoComplete="off"
              required
              accessKey="a"
              defaultValue={values.displayName ?? person?.label}
              error={errors.displayName}
            />
            <SelectField
              name="organisation"
              label="Organisme"
              options={organisations}
              placeholder="Je ne sais pas encore"
              defaultValue={values.organisation}
              error={errors.organisation}
            />
            <TextField
              name="reason"
              label="Motif"
              hint="Quelques mots, par exemple « courrier de la CAF »"
              autoComplete="off"
              defaultValue={values.reason}
              error={errors.reason}
            />
            <CheckboxGroup
              name="urgent"
              legend="Urgence"
              options={[{ value: 'oui', label: 'Urgent : droits coupés, échéance aujourd’hui…' }]}
              defaultValues={values.urgent ? [values.urgent] : []}
            />
            <button className="fr-btn" type="submit">
              Ajouter à la file
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

/** Les personnes prises en charge dont la sollicitation n'est pas encore enregistrée : personne ne les perd de vue. */
function TakenEntries({
  taken,
}: {
  taken: Array<{ id: string; displayName: string; takenAt: string; takenByName: string | null; mine: boolean; arrivedAt: string }>;
}) {
  return (
    <section aria-labelledby="en-cours" className="fr-mb-3w">
      <h2 id="en-cours" className="fr-h5">
        En cours de prise en charge
      </h2>
      <p className="fr-text--sm">
        Sans sollicitation enregistrée, une personne revient d'elle-même dans la file {TAKEN_RETURNS_AFTER_MINUTES} minutes après sa prise
        en charge, à sa place d'arrivée.
      </p>
      <ul className="relais-plain-list">
        {taken.map((entry) => (
          <li key={entry.id} className="fr-mb-2w">
            <strong>{entry.displayName}</strong> — arrivée à {entry.arrivedAt}, prise en charge à {entry.takenAt}
            {entry.mine ? ' par vous' : entry.takenByName ? ` par ${entry.takenByName}` : ''}.
            <Form method="post" className="relais-inline-form fr-mt-1w">
              <CsrfField />
              <input type="hidden" name="entree" value={entry.id} />
              {entry.mine && (
                <>
                  <Link className="fr-btn fr-btn--sm" to={`/sollicitations/nouvelle?file=${entry.id}`}>
                    Reprendre la sollicitation<span className="fr-sr-only"> {ofName(entry.displayName)}</span>
                  </Link>{' '}
                </>
              )}
              <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="intent" value="remettre">
                Remettre dans la file<span className="fr-sr-only"> : {entry.displayName}</span>
              </button>{' '}
              <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" name="intent" value="depart">
                Parti sans être reçu<span className="fr-sr-only"> : {entry.displayName}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
