// Changer l'heure d'un rendez-vous prévu (la personne a appelé, l'agent ne sera pas là…) : même personne, même motif,
// une autre heure libre. L'ancien est annulé et le nouveau pris ensemble ; la personne reçoit « votre rendez-vous a
// changé » et son agenda se met à jour. Une page, un bouton par heure : sans JavaScript.
import { data, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/rendez-vous.$id.changer';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { fullName } from '../../../platform/text';
import { dateFormat } from '../../../platform/time';
import { activeMotif, moveByAgent, readAppointment } from '../appointments.server';
import { UNAVAILABLE_MESSAGES } from '../booking';
import { APPOINTMENT_NOT_FOUND } from '../errors';
import { SlotWeek } from '../ui/slot-week';
import { weekOfSlots } from '../week-slots.server';

export const meta: Route.MetaFunction = () => [{ title: 'Changer l’heure d’un rendez-vous — Relais' }];

const when = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
const query = z.object({ a_partir: z.iso.date().optional().catch(undefined) });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const id = requireIdParam(args.params.id, APPOINTMENT_NOT_FOUND);
  const row = await readAppointment(ctx, id);
  if (!row) throw notFound(APPOINTMENT_NOT_FOUND);
  const { appointment: a, person, motif } = row;
  const active = a.status === 'prevu' ? await activeMotif(ctx.tx, ctx.actor.structureId, motif.id) : null;
  const asked = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return {
    id: a.id,
    personName: fullName(person.firstName, person.lastName),
    motif: motif.name,
    when: when.format(a.startsAt),
    refusal:
      a.status !== 'prevu'
        ? 'Ce rendez-vous n’est plus prévu : son heure ne change plus. Prenez-en un nouveau.'
        : !active
          ? 'Ce motif a été retiré : prenez un nouveau rendez-vous sur un autre motif.'
          : null,
    week: active ? await weekOfSlots(ctx, active, asked.a_partir) : null,
  };
}

const slot = z.object({
  agentId: z.uuid(),
  siteId: z.uuid(),
  start: z.iso.datetime().transform((value) => new Date(value)),
});

const REFUSALS = {
  ...UNAVAILABLE_MESSAGES,
  plus_prevu: 'Ce rendez-vous n’est plus prévu : son heure ne change plus.',
  motif_inconnu: 'Ce motif a été retiré : prenez un nouveau rendez-vous sur un autre motif.',
} as const;

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.gerer');
  const id = requireIdParam(args.params.id, APPOINTMENT_NOT_FOUND);
  const parsed = slot.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ problem: 'Choisissez un créneau dans la liste.' }, { status: 400 });
  const result = await moveByAgent(ctx, id, parsed.data);
  if (!result.ok) {
    if (result.error === 'introuvable' || result.error === 'personne_inconnue') throw notFound(APPOINTMENT_NOT_FOUND);
    return data({ problem: REFUSALS[result.error] }, { status: 409 });
  }
  throw redirect(`/rendez-vous/${result.id}?change=1`);
}

export default function MoveAppointment() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/rendez-vous/${page.id}`}>← Le rendez-vous</Link>
      </p>
      <h1>Changer l’heure du rendez-vous de {page.personName}</h1>
      <p>
        {page.motif}, prévu le {page.when}. La personne recevra la nouvelle heure par SMS ou par e-mail.
      </p>
      {page.refusal || !page.week ? (
        <p className="fr-error-text">{page.refusal}</p>
      ) : (
        <section aria-labelledby="creneaux" aria-describedby={result?.problem ? 'creneau-erreur' : undefined}>
          <h2 id="creneaux">Nouvelle heure</h2>
          <SlotWeek
            week={page.week}
            hidden={{}}
            weekHref={(from) => `/rendez-vous/${page.id}/changer?a_partir=${from}`}
            problem={result?.problem}
          />
        </section>
      )}
    </div>
  );
}
