import { useEffect, useRef } from 'react';
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/sollicitations.nouvelle';
import { linkSolicitation, solicitationPrefill } from '../../appointments/appointments.server';
import {
  formDefaults,
  logSolicitation,
  prefilledValues,
  type PossibleDuplicate,
  type Subject as LogSubject,
} from '../log-solicitation.server';
import { readPersonSummary } from '../person-summary.server';
import { readQueueEntry } from '../queue.server';
import { anonymousSchema, distinguishing, MIN_SEARCH_LENGTH, newPersonSchema, solicitationSchema } from '../rules';
import { searchPersons } from '../search-persons.server';
import { receptionSitesIn } from '../sites.server';
import { SolicitationForm, type Subject } from '../ui/solicitation-form';
import { selectableOrganisations } from '../organisations';
import { catalogIn } from '../organisations.server';
import { PERSON_NOT_FOUND } from '../errors';
import type { ActUnderMandate } from '../../mandates/acts.server';
import { coveredAreasOf } from '../../mandates/mandates.server';
import { actSchema, COVERAGE_MESSAGES, defaultArea, onTheSpotSchema } from '../../mandates/rules';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { formValues, parseForm, rejectForm } from '../../../platform/forms.server';
import { can } from '../../../platform/policies';
import { Notice, optionsOf, TextField, feedbackOf } from '../../../ui/form';
import { notFound } from '../../../platform/http.server';
import { dateFormat, toLocalInput } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Nouvelle sollicitation — Relais' }];

const yearMonth = dateFormat({ dateStyle: 'medium' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'sollicitations.enregistrer');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const params = new URL(args.request.url).searchParams;
  const q = params.get('q')?.trim() ?? '';
  // Venue de la file d'attente : la personne, l'organisme et le motif sont repris de son arrivée.
  const fileId = z.uuid().safeParse(params.get('file'));
  const entry = fileId.success ? await readQueueEntry(ctx, fileId.data) : null;
  if (params.has('file') && !entry) throw data({ message: "Cette arrivée n'existe pas dans votre structure." }, { status: 404 });
  // Venue d'un rendez-vous honoré : la personne, l'organisme, le motif, la durée, l'heure et le lieu sont repris.
  const appointmentId = z.uuid().safeParse(params.get('rendez-vous'));
  const appointment = appointmentId.success ? await solicitationPrefill(ctx, appointmentId.data) : null;
  if (params.has('rendez-vous') && !appointment)
    throw data(
      { message: "Ce rendez-vous n'existe pas dans votre structure, n'est pas honoré, ou sa sollicitation est déjà notée." },
      { status: 404 },
    );
  const personId = entry ? entry.personId : (appointment?.personId ?? params.get('personne'));
  const fromQueueWithoutPerson = entry !== null && entry.personId === null;
  const saved = params.get('enregistree');
  const common = {
    saved,
    savedFor: params.get('pour'),
    canOpenFiles: can(agent, 'personnes.consulter'),
    canRefer: can(agent, 'orientations.envoyer'),
    canRegister: can(agent, 'ateliers.inscrire'),
  };

  if (!personId && !fromQueueWithoutPerson && !params.has('nouvelle') && !params.has('anonyme')) {
    const results = q.length >= MIN_SEARCH_LENGTH ? await searchPersons(ctx, q) : [];
    return {
      ...common,
      step: 'recherche' as const,
      q,
      tooShort: q.length > 0 && q.length < MIN_SEARCH_LENGTH,
      results: results.map((r) => ({
        id: r.id,
        firstName: r.firstName,
        lastName: r.lastName,
        birthYear: r.birthYear,
        hint: distinguishing(r),
        lastVisit: r.lastVisit ? yearMonth.format(r.lastVisit) : null,
        lastOrganisation: r.lastOrganisation,
      })),
    };
  }

  let subject: Subject = params.has('anonyme') ? { kind: 'anonyme' } : { kind: 'nouvelle' };
  if (personId) {
    const person = z.uuid().safeParse(personId).success ? await readPersonSummary(ctx, personId) : null;
    if (!person) throw notFound(PERSON_NOT_FOUND);
    subject = { kind: 'personne', id: person.id, label: person.label };
  }
  const defaults = await formDefaults(ctx, subject.kind === 'personne' ? subject.id : null);
  const catalog = await catalogIn(ctx.tx);
  const last = defaults.last;
  const prefilled = prefilledValues(services.now(), defaults, entry, params.get('comme') === 'derniere');
  const values = appointment
    ? {
        ...prefilled,
        organisation: appointment.organisation ?? prefilled.organisation,
        procedure: appointment.procedure,
        durationMinutes: String(appointment.durationMinutes),
        occurredAt: toLocalInput(appointment.startsAt),
        site: appointment.siteId,
        channel: appointment.channel,
        rendezVous: appointment.appointmentId,
      }
    : prefilled;
  return {
    ...common,
    step: 'formulaire' as const,
    subject,
    values,
    hasLast: Boolean(last),
    procedures: defaults.procedures,
    organisations: optionsOf(selectableOrganisations(catalog)),
    // Un seul lieu d'accueil est pris d'office : le choix ne se montre qu'à partir de deux.
    sites: defaults.sites.length > 1 ? defaults.sites.map((s) => ({ value: s.id, label: s.name })) : [],
    canActUnderMandate: can(agent, 'mandats.gerer'),
    coveredAreas:
      subject.kind === 'personne' && can(agent, 'mandats.gerer') ? await coveredAreasOf(ctx.tx, agent, subject.id, services.now()) : [],
  };
}

/** Le domaine de l'acte, s'il n'est pas choisi, est celui de la thématique de la sollicitation. */
function withDefaultArea(form: FormData, theme: string | null) {
  if (form.get('mandateArea')) return form;
  const copy = new FormData();
  for (const [key, value] of form) copy.append(key, value);
  copy.set('mandateArea', defaultArea(theme) ?? '');
  return copy;
}

const SUBJECT = z.union([z.literal('nouvelle'), z.literal('anonyme'), z.templateLiteral(['personne:', z.uuid()])]);

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'sollicitations.enregistrer');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const form = await args.request.formData();
  const subjectField = SUBJECT.safeParse(form.get('sujet'));
  if (!subjectField.success) throw data({ message: 'Formulaire incomplet : recommencez depuis la recherche.' }, { status: 400 });
  const catalog = await catalogIn(ctx.tx);
  const sites = await receptionSitesIn(ctx.tx, agent.structureId);
  const solicitation = parseForm(
    form,
    solicitationSchema(
      services.now(),
      catalog,
      sites.map((s) => s.id),
    ),
  );
  let subject: LogSubject | null = null;
  let subjectErrors: Record<string, string> = {};
  if (subjectField.data === 'nouvelle') {
    const person = parseForm(form, newPersonSchema(services.now()));
    if (person.ok) subject = { kind: 'nouvelle', person: person.data };
    else subjectErrors = person.failure.errors;
  } else if (subjectField.data === 'anonyme') {
    const anonymous = parseForm(form, anonymousSchema);
    if (anonymous.ok)
      subject = {
        kind: 'anonyme',
        gender: anonymous.data.anonymousGender,
        ageBand: anonymous.data.anonymousAgeBand,
        commune: anonymous.data.anonymousCommune,
      };
    else subjectErrors = anonymous.failure.errors;
  } else subject = { kind: 'personne', personId: subjectField.data.slice('personne:'.length) };

  // Faire à la place d'une personne identifiée : sous mandat, par un médiateur, avec l'acte décrit.
  const underMandate = solicitation.ok && solicitation.data.mode === 'fait_a_la_place' && subjectField.data !== 'anonyme';
  let act: ActUnderMandate | null = null;
  let actErrors: Record<string, string> = {};
  if (underMandate && !can(agent, 'mandats.gerer'))
    actErrors = {
      mode: "Seul un médiateur ou un travailleur social peut faire une démarche à la place d'une personne, sous mandat. Choisissez « J'ai accompagné » ou passez la main.",
    };
  else if (underMandate) {
    const parsed = parseForm(withDefaultArea(form, solicitation.data.theme), actSchema);
    const onTheSpot = form.get('mandatJour') === 'oui' ? parseForm(form, onTheSpotSchema) : null;
    if (parsed.ok && (!onTheSpot || onTheSpot.ok))
      act = { act: parsed.data, onTheSpot: onTheSpot?.ok ? { signerName: onTheSpot.data.mandatSignataire } : null };
    actErrors = { ...(parsed.ok ? {} : parsed.failure.errors), ...(onTheSpot && !onTheSpot.ok ? onTheSpot.failure.errors : {}) };
  }

  if (!solicitation.ok || !subject || Object.keys(actErrors).length > 0)
    return data(
      { errors: { ...subjectErrors, ...(solicitation.ok ? {} : solicitation.failure.errors), ...actErrors }, values: formValues(form) },
      { status: 400 },
    );
  const queueEntry = z.uuid().safeParse(form.get('file'));
  const result = await logSolicitation(ctx, subject, solicitation.data, queueEntry.success ? queueEntry.data : null, {
    duplicateConfirmed: form.get('doublon') === 'confirme',
    underMandate: act,
  });
  if (!result.ok && result.error === 'doublon_possible') return rejectForm(form, {}, { duplicates: result.candidates }, 409);
  if (!result.ok && result.error === 'mandat_requis')
    return data(
      {
        errors: {
          mandateArea: `${COVERAGE_MESSAGES[result.reason]} Établissez avec la personne un mandat d'un jour ci-dessous, ou un mandat plus long depuis sa fiche.`,
        },
        values: { ...formValues(form), mandatJour: 'oui' },
      },
      { status: 409 },
    );
  if (!result.ok) throw notFound(PERSON_NOT_FOUND);
  const appointment = z.uuid().safeParse(form.get('rendezVous'));
  if (appointment.success && result.personId) await linkSolicitation(ctx, appointment.data, result.id, result.personId);
  throw redirect(`/sollicitations/nouvelle?enregistree=1${result.personId ? `&pour=${result.personId}` : ''}`);
}

export default function NouvelleSollicitation() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const duplicates = result && 'duplicates' in result ? (result.duplicates as PossibleDuplicate[]) : null;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Nouvelle sollicitation</h1>
      {page.saved && (
        <Notice kind="success" title="Sollicitation enregistrée.">
          {page.savedFor && page.canOpenFiles ? <Link to={`/personnes/${page.savedFor}`}>Voir la fiche de la personne</Link> : null}
          {page.savedFor && page.canRefer ? (
            <>
              {' · '}
              <Link to={`/personnes/${page.savedFor}/orienter`}>Orienter vers un lieu</Link>
            </>
          ) : null}
          {page.savedFor && page.canRegister ? (
            <>
              {' · '}
              <Link to={`/personnes/${page.savedFor}/ateliers`}>Inscrire à un atelier</Link>
            </>
          ) : null}
        </Notice>
      )}
      {page.step === 'recherche' ? (
        <PersonSearch q={page.q} tooShort={page.tooShort} results={page.results} />
      ) : (
        <>
          <SubjectHeader subject={page.subject} hasLast={page.hasLast} />
          {duplicates && <DuplicateWarning candidates={duplicates} />}
          <SolicitationForm
            subject={page.subject}
            values={{ ...page.values, ...(result?.values ?? {}) }}
            errors={feedbackOf(result).errors}
            procedures={page.procedures}
            organisations={page.organisations}
            sites={page.sites}
            canActUnderMandate={page.canActUnderMandate}
            coveredAreas={page.coveredAreas}
            duplicateWarning={duplicates !== null}
          />
        </>
      )}
      <Shortcuts />
    </div>
  );
}

function PersonSearch({
  q,
  tooShort,
  results,
}: {
  q: string;
  tooShort: boolean;
  results: Array<{
    id: string;
    firstName: string;
    lastName: string | null;
    birthYear: number | null;
    hint: string;
    lastVisit: string | null;
    lastOrganisation: string | null | undefined;
  }>;
}) {
  // Des résultats : le premier prend le focus, Entrée l'ouvre (sans JavaScript, l'attribut autofocus le fait).
  const firstResult = useRef<HTMLAnchorElement>(null);
  useEffect(() => firstResult.current?.focus(), [q, results.length]);
  return (
    <>
      <Form method="get" role="search" className="fr-mb-3w">
        <TextField
          name="q"
          type="search"
          label="Qui est reçu ?"
          hint="3 lettres du nom ou du prénom, l'année de naissance ou le téléphone"
          autoFocus={results.length === 0}
          autoComplete="off"
          spellCheck={false}
          accessKey="r"
          defaultValue={q}
          error={tooShort ? `Tapez au moins 3 caractères.` : undefined}
        />
        <button className="fr-btn fr-btn--secondary" type="submit">
          Rechercher
        </button>
      </Form>
      {q.length >= 3 && (
        <section aria-labelledby="resultats">
          <h2 id="resultats" className="fr-h5">
            {results.length === 0
              ? 'Aucune personne trouvée'
              : `${results.length} personne${results.length > 1 ? 's' : ''} trouvée${results.length > 1 ? 's' : ''}`}
          </h2>
          <ul className="relais-results">
            {results.map((r, index) => (
              <li key={r.id}>
                <Link to={`/sollicitations/nouvelle?personne=${r.id}`} ref={index === 0 ? firstResult : undefined} autoFocus={index === 0}>
                  {r.firstName} {r.lastName ?? ''}
                  {r.birthYear ? ` (${r.birthYear})` : ''}
                </Link>
                <span className="fr-text--sm">
                  {' '}
                  {r.hint && `· ${r.hint} `}
                  {r.lastVisit
                    ? `· dernière venue le ${r.lastVisit}${r.lastOrganisation ? ` (${r.lastOrganisation})` : ''}`
                    : '· jamais venue'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          {/* Un bouton avec ses mots : l'icône seule devenait un carré vide sur un téléphone (DSFR, groupe de boutons). */}
          <Link className="fr-btn fr-btn--tertiary" to="/sollicitations/nouvelle?nouvelle=1" accessKey="n">
            Nouvelle personne
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" to="/sollicitations/nouvelle?anonyme=1" accessKey="a">
            Sans identifier la personne
          </Link>
        </li>
      </ul>
    </>
  );
}

function SubjectHeader({ subject, hasLast }: { subject: Subject; hasLast: boolean }) {
  return (
    <div className="fr-mb-3w">
      <p className="fr-text--lead fr-mb-1w">
        {subject.kind === 'personne' ? subject.label : subject.kind === 'nouvelle' ? 'Nouvelle personne' : 'Personne non identifiée'}
      </p>
      <p>
        {subject.kind === 'personne' && hasLast && (
          <Link to={`/sollicitations/nouvelle?personne=${subject.id}&comme=derniere`} accessKey="m">
            Même chose que la dernière fois
          </Link>
        )}
        {' · '}
        <Link to="/sollicitations/nouvelle">Changer de personne</Link>
      </p>
    </div>
  );
}

/** Une personne très proche existe déjà : la choisir, ou confirmer qu'il s'agit d'une autre. */
function DuplicateWarning({ candidates }: { candidates: Array<{ id: string; label: string }> }) {
  return (
    <div className="fr-alert fr-alert--warning fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">Cette personne a peut-être déjà une fiche</h2>
      <p>Choisissez-la pour ne pas créer de doublon :</p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <Link to={`/sollicitations/nouvelle?personne=${c.id}`}>{c.label}</Link>
          </li>
        ))}
      </ul>
      <p>S'il s'agit d'une autre personne, cochez « Ce n'est pas la même personne » en bas du formulaire, puis enregistrez.</p>
    </div>
  );
}

function Shortcuts() {
  return (
    <details className="fr-mt-6w" id="raccourcis">
      <summary>Raccourcis clavier</summary>
      <p>
        Entrée enregistre depuis un champ de texte. Touches d'accès (Alt+touche, ou Alt+Maj+touche selon le navigateur) : <kbd>R</kbd>{' '}
        recherche, <kbd>N</kbd> nouvelle personne, <kbd>A</kbd> sans identifier, <kbd>D</kbd> démarche, <kbd>M</kbd> même chose que la
        dernière fois, <kbd>E</kbd> enregistrer.
      </p>
    </details>
  );
}
