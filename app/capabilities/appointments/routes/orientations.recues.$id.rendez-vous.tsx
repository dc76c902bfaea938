// Le partenaire prend un rendez-vous pour la personne d'une orientation reçue, dans l'agenda de la structure qui l'a
// envoyée : le motif (parmi ceux qu'elle ouvre aux partenaires), puis une heure libre de la semaine, un bouton par
// heure ; sans JavaScript. La personne reçoit la confirmation ; le rendez-vous porte l'orientation.
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/orientations.recues.$id.rendez-vous';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import type { RequestContext } from '../../../platform/request.server';
import { addDays, dateFormat, today } from '../../../platform/time';
import { CsrfField, SelectField } from '../../../ui/form';
import { REFERRAL_NOT_FOUND } from '../../referrals/errors';
import { readHandoff } from '../../referrals/referrals.server';
import { UNAVAILABLE_MESSAGES } from '../booking';
import { bookForReferral, openReceivedReferral, partnerMotifs, partnerSlots } from '../partner-booking.server';
import { parseSlotChoice } from '../person-booking.server';
import { LOCATION_TYPES } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Prendre un rendez-vous pour une orientation reçue — Relais' }];

const hour = dateFormat({ hour: '2-digit', minute: '2-digit' });
const longDay = dateFormat({ weekday: 'long', day: 'numeric', month: 'long' });

const query = z.object({ motif: z.uuid().optional().catch(undefined), a_partir: z.iso.date().optional().catch(undefined) });

async function page(ctx: RequestContext, id: string, motifId: string | undefined, asked: string | undefined) {
  const handoff = await readHandoff(ctx, id);
  const received = handoff ? await openReceivedReferral(ctx.tx, id) : null;
  if (!handoff || !received) throw notFound(REFERRAL_NOT_FOUND);
  const motifs = await partnerMotifs(ctx.tx, received.senderId);
  const motif = motifs.find((m) => m.id === motifId) ?? (motifs.length === 1 ? motifs[0] : undefined);
  const base = {
    id,
    sender: handoff.senderName,
    person: handoff.personName,
    motifs: motifs.map((m) => ({
      value: m.id,
      label: `${m.name} (${m.durationMinutes} min, ${LOCATION_TYPES[m.locationType].toLowerCase()})`,
    })),
  };
  if (!motif) return { ...base, motif: null, days: [], from: null, next: null, previous: null };
  const from = asked && asked > today(ctx.now) ? asked : today(ctx.now);
  const days = await partnerSlots(ctx.tx, received.senderId, motif, from, ctx.now);
  return {
    ...base,
    motif: { id: motif.id, name: motif.name },
    from,
    next: addDays(from, 7),
    previous: from > today(ctx.now) ? addDays(from, -7) : null,
    days: days.map((d) => ({
      day: d.day,
      label: longDay.format(new Date(`${d.day}T12:00:00Z`)),
      slots: d.slots.map((s) => ({ value: s.value, label: `${hour.format(s.start)} · ${s.siteName}` })),
    })),
  };
}

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.recevoir');
  const id = requireIdParam(args.params.id, REFERRAL_NOT_FOUND);
  const asked = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return page(ctx, id, asked.motif, asked.a_partir);
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'orientations.recevoir');
  const id = requireIdParam(args.params.id, REFERRAL_NOT_FOUND);
  const form = await args.request.formData();
  const motifId = z.uuid().safeParse(form.get('motif'));
  const slot = parseSlotChoice(form.get('creneau'));
  const refuse = async (problem: string, status: number) =>
    data({ problem, ...(await page(ctx, id, motifId.data, undefined)) }, { status });
  if (!motifId.success || !slot) return refuse('Choisissez un créneau dans la liste.', 400);
  const result = await bookForReferral(ctx, id, motifId.data, slot);
  if (result.ok) throw redirect(`/orientations/recues/${id}?rendez-vous=pris`);
  if (result.error === 'introuvable' || result.error === 'personne_inconnue') throw notFound(REFERRAL_NOT_FOUND);
  if (result.error === 'motif_inconnu') return refuse('Ce motif n’est plus ouvert aux partenaires : choisissez-en un autre.', 409);
  return refuse(UNAVAILABLE_MESSAGES[result.error], 409);
}

export default function PartnerBooking() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const p = result ?? loaded;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/orientations/recues/${p.id}`}>← L’orientation reçue</Link>
      </p>
      <h1>Prendre un rendez-vous avec {p.sender}</h1>
      <p>
        Pour <strong>{p.person}</strong>, dans l’agenda de {p.sender}. La personne reçoit la confirmation ; le rendez-vous est relié à
        l’orientation.
      </p>
      {p.motifs.length === 0 ? (
        <p>{p.sender} n’ouvre aucun motif de rendez-vous aux partenaires.</p>
      ) : (
        <Form method="get" className="fr-mb-3w">
          <SelectField name="motif" label="Motif" options={p.motifs} defaultValue={p.motif?.id ?? ''} placeholder="Choisir un motif" />
          <button className="fr-btn fr-btn--secondary" type="submit">
            Voir les créneaux libres
          </button>
        </Form>
      )}
      {p.motif && (
        <section aria-labelledby="creneaux" aria-describedby={result?.problem ? 'creneau-erreur' : undefined}>
          <h2 id="creneaux">{p.motif.name}</h2>
          {result?.problem && (
            <p className="fr-error-text" id="creneau-erreur" role="alert">
              {result.problem}
            </p>
          )}
          {p.days.length === 0 ? (
            <p>Aucun créneau libre cette semaine.</p>
          ) : (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="motif" value={p.motif.id} />
              {p.days.map((d) => (
                <div key={d.day} className="fr-mb-3w">
                  <h3 className="fr-h6">{d.label}</h3>
                  <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                    {d.slots.map((s) => (
                      <li key={s.value}>
                        <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="creneau" value={s.value}>
                          {s.label}
                          <span className="fr-sr-only">, {d.label}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </Form>
          )}
          <nav aria-label="Autres semaines">
            {p.previous && (
              <>
                <Link to={`?motif=${p.motif.id}&a_partir=${p.previous}`}>← Semaine précédente</Link> ·{' '}
              </>
            )}
            <Link to={`?motif=${p.motif.id}&a_partir=${p.next}`}>Semaine suivante →</Link>
          </nav>
        </section>
      )}
    </div>
  );
}
