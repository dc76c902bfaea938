// La personne annule ou change son rendez-vous avec le lien reçu (e-mail ou SMS), sans compte, jusqu'à 4 heures
// avant. En mots simples : le rendez-vous, un bouton pour annuler, et, si le motif se prend en ligne, les heures libres
// de la semaine pour changer (c'est aussi là qu'aboutit la proposition d'une place plus tôt). Un lien trop tard, déjà
// utilisé ou abîmé le dit, avec le numéro à appeler. La page agit pour cette seule personne (rôle relais_resident).
import { data, Form, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/rendez-vous.annuler.$jeton';
import { allowPublic } from '../../../platform/authorize.server';
import type { RequestScope } from '../../../platform/request.server';
import { addDays, dateFormat, today } from '../../../platform/time';
import { CsrfField, Notice } from '../../../ui/form';
import { appointmentByLink, cancelByLink, type LinkedAppointment } from '../notifications.server';
import { asLinkedPerson, moveByPerson, parseSlotChoice, personMotif, SLOT_PAGE_DAYS, slotsForPerson } from '../person-booking.server';

export const meta: Route.MetaFunction = () => [{ title: 'Mon rendez-vous — Relais' }, { name: 'robots', content: 'noindex' }];

const when = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const dayName = dateFormat({ weekday: 'long', day: 'numeric', month: 'long' });
const hour = dateFormat({ hour: '2-digit', minute: '2-digit' });

const INVALID = 'Ce lien ne marche pas. Vérifiez qu’il est copié en entier, ou appelez le service pour annuler.';
const callUs = (phone: string | null) => (phone ? ` Appelez le ${phone}.` : ' Appelez le service.');

function refusal(found: Extract<LinkedAppointment, { ok: false }>) {
  if (found.reason === 'expire')
    return data(
      { message: `Il est trop tard pour annuler par internet : le rendez-vous est dans moins de 4 heures.${callUs(found.sitePhone)}` },
      { status: 410 },
    );
  return data({ message: INVALID }, { status: 404 });
}

async function linked({ tx, services, now }: RequestScope, token: string) {
  const found = await appointmentByLink(tx, services, token, now);
  if (!found.ok) throw refusal(found);
  return found;
}

/** Les heures libres pour changer, si le rendez-vous est prévu et que son motif se prend en ligne. */
async function changeChoices({ tx, now }: RequestScope, found: Extract<LinkedAppointment, { ok: true }>, asked: string | undefined) {
  if (found.status !== 'prevu') return null;
  const from = asked && asked > today(now) ? asked : today(now);
  const days = await asLinkedPerson(tx, found, async () => {
    const motif = await personMotif(tx, found.structureId, found.motifId);
    return motif ? slotsForPerson(tx, found.structureId, motif, from, now) : null;
  });
  if (!days) return null;
  return {
    from,
    next: addDays(from, SLOT_PAGE_DAYS),
    previous: from > today(now) ? addDays(from, -SLOT_PAGE_DAYS) : null,
    days: days.map((d) => ({
      day: d.day,
      label: dayName.format(new Date(`${d.day}T12:00:00Z`)),
      slots: d.slots
        .filter((s) => s.start.getTime() !== found.startsAt.getTime())
        .map((s) => ({ value: s.value, label: `${hour.format(s.start)}, ${s.siteName}, avec ${s.agentName}` })),
    })),
  };
}

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const found = await linked(scope, args.params.jeton);
  const asked = z.iso
    .date()
    .optional()
    .catch(undefined)
    .parse(new URL(args.request.url).searchParams.get('a_partir') ?? undefined);
  const wantsChange = new URL(args.request.url).searchParams.has('changer');
  return {
    motif: found.motifName,
    when: when.format(found.startsAt),
    site: found.siteName,
    structure: found.structureName,
    status: found.status,
    phone: found.sitePhone,
    change: wantsChange ? await changeChoices(scope, found, asked) : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const form = await args.request.formData();
  const found = await linked(scope, args.params.jeton);
  if (form.has('creneau')) return change(scope, found, form.get('creneau'));
  if (form.get('confirmer') !== 'oui')
    return data({ done: null, problem: 'Le formulaire est incomplet : rechargez la page, puis appuyez sur le bouton.' }, { status: 400 });
  const outcome = await cancelByLink(scope.tx, found.id, scope.now);
  if (outcome === 'annule') return { done: 'annule' as const, problem: null };
  if (outcome === 'trop_tard')
    return data({ done: null, problem: `Il est trop tard pour annuler par internet.${callUs(found.sitePhone)}` }, { status: 410 });
  if (outcome === 'deja_annule')
    return data({ done: null, problem: 'Ce rendez-vous est déjà annulé, ou il a déjà eu lieu.' }, { status: 409 });
  throw data({ message: INVALID }, { status: 404 });
}

async function change(scope: RequestScope, found: Extract<LinkedAppointment, { ok: true }>, choice: FormDataEntryValue | null) {
  const slot = parseSlotChoice(choice);
  if (!slot) return data({ done: null, problem: 'Choisissez une heure dans la liste.' }, { status: 400 });
  const moved = await asLinkedPerson(scope.tx, found, () =>
    moveByPerson({ tx: scope.tx, structureId: found.structureId, personId: found.personId, now: scope.now }, found.id, slot),
  );
  if (moved.ok) return { done: 'change' as const, problem: null, newWhen: when.format(slot.start) };
  if (moved.error === 'trop_tard')
    return data({ done: null, problem: `Il est trop tard pour changer par internet.${callUs(found.sitePhone)}` }, { status: 410 });
  if (moved.error === 'pris')
    return data({ done: null, problem: 'Cette heure vient d’être prise. Choisissez une autre heure.' }, { status: 409 });
  if (moved.error === 'introuvable' || moved.error === 'motif_inconnu' || moved.error === 'personne_inconnue')
    return data({ done: null, problem: `Ce rendez-vous ne peut pas être changé par internet.${callUs(found.sitePhone)}` }, { status: 409 });
  return data({ done: null, problem: 'Cette heure n’est plus libre. Choisissez une autre heure.' }, { status: 409 });
}

export default function MyAppointmentByLink() {
  const a = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result?.done;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Mon rendez-vous</h1>
      {done === 'change' && result && 'newWhen' in result ? (
        <Notice kind="success" title={`C’est changé : votre rendez-vous est le ${result.newWhen}.`}>
          Vous allez recevoir un message avec un nouveau lien.
        </Notice>
      ) : (
        <>
          <p>
            <strong>{a.motif}</strong>
            <br />
            Le {a.when}.
            <br />
            {a.site} ({a.structure}).
          </p>
          {done === 'annule' ? (
            <Notice kind="success" title="Votre rendez-vous est annulé. Merci de nous avoir prévenus." />
          ) : result?.problem ? (
            <Notice kind="error" title={result.problem} />
          ) : null}
          {done !== 'annule' && a.status === 'prevu' ? (
            <>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="confirmer" value="oui" />
                <p>Vous ne pouvez pas venir ? Annulez votre rendez-vous. Quelqu’un d’autre pourra le prendre.</p>
                <button className="fr-btn" type="submit">
                  Annuler mon rendez-vous
                </button>
              </Form>
              {a.change ? (
                <ChangeForm change={a.change} />
              ) : (
                <p className="fr-mt-3w">
                  <a href="?changer=1">Changer le jour ou l’heure</a>
                </p>
              )}
            </>
          ) : done !== 'annule' && !result?.problem ? (
            <p>{a.status === 'annule' ? 'Ce rendez-vous est déjà annulé.' : 'Ce rendez-vous ne peut plus être annulé.'}</p>
          ) : null}
        </>
      )}
      {a.phone && <p>Une question ? Appelez le {a.phone}.</p>}
    </div>
  );
}

type Change = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['change']>;

function ChangeForm({ change }: { change: Change }) {
  return (
    <section aria-labelledby="changer" className="fr-mt-4w">
      <h2 id="changer">Changer le jour ou l’heure</h2>
      <Form method="post">
        <CsrfField />
        {change.days.every((d) => d.slots.length === 0) ? (
          <p>Il n’y a pas d’heure libre cette semaine.</p>
        ) : (
          <>
            <p>Appuyez sur une heure. Votre rendez-vous change tout de suite.</p>
            {change.days
              .filter((d) => d.slots.length > 0)
              .map((d) => (
                <section key={d.day} aria-labelledby={`jour-${d.day}`}>
                  <h3 id={`jour-${d.day}`} className="fr-h6">
                    {d.label}
                  </h3>
                  <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                    {d.slots.map((s) => (
                      <li key={s.value}>
                        <button className="fr-btn fr-btn--secondary" type="submit" name="creneau" value={s.value}>
                          {s.label}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
          </>
        )}
      </Form>
      <p>
        {change.previous && <a href={`?changer=1&a_partir=${change.previous}`}>Voir la semaine d’avant</a>}{' '}
        <a href={`?changer=1&a_partir=${change.next}`}>Voir la semaine suivante</a>
      </p>
    </section>
  );
}
