// Les messages d'un rendez-vous par l'outbox (issue 22) : la confirmation à la prise, le rappel 48 heures avant (un
// seul, jamais pour un rendez-vous pris moins de 48 heures avant : la confirmation vient de partir), le changement
// d'heure, l'annulation par le service. Chaque envoi est noté par l'outbox avec son résultat ; une clé par rendez-vous
// et par sorte de message.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import { structures, users } from '../../platform/schema';
import type { Services } from '../../platform/services.server';
import { signLink, verifyLink, type LinkPurpose } from '../../platform/signed-link.server';
import { postalAddress } from '../directory/address';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { canCancelByPerson, cancelDeadline, REMINDER_HOURS } from './booking';
import { appointmentEmail, appointmentIcs, appointmentSms, channelFor, type AppointmentMessageKind } from './messages';
import { appointmentMotifs, appointments, motifOfAppointment } from './schema';
import { LOCATION_TYPES } from './vocabulary';

const CANCEL_LINK: LinkPurpose = 'relais:annulation-rdv:v1';
type LinkServices = Pick<Services, 'rootKey' | 'config'>;

/** Le lien pour que la personne annule elle-même ; il cesse de valoir 4 heures avant le rendez-vous. */
export const cancelUrl = (services: LinkServices, id: string, startsAt: Date) =>
  `${services.config.publicUrl}/rendez-vous/annuler/${signLink(services.rootKey, CANCEL_LINK, id, cancelDeadline(startsAt))}`;

/** Écrit le message dans l'outbox, au canal de la personne ; 'sans_contact' si elle n'en a pas, 'deja' s'il est parti. */
export async function notifyAppointment(
  tx: Tx,
  services: LinkServices,
  structureId: string,
  id: string,
  kind: AppointmentMessageKind,
  now: Date,
  /** « Plus tôt » : l'heure proposée et le rang de la proposition (une clé d'envoi par proposition). */
  offer?: { at: Date; number: number },
) {
  const [row] = await tx
    .select({
      appointment: appointments,
      person: { preferredContact: persons.preferredContact, phone: persons.phone, email: persons.email },
      motif: { name: appointmentMotifs.name, locationType: appointmentMotifs.locationType, instructions: appointmentMotifs.instructions },
      site: { name: places.name, street: places.street, postalCode: places.postalCode, city: places.city, phone: places.phone },
      agentName: users.displayName,
      structureName: structures.name,
    })
    .from(appointments)
    .innerJoin(persons, and(eq(persons.structureId, appointments.structureId), eq(persons.id, appointments.personId)))
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .innerJoin(places, and(eq(places.structureId, appointments.structureId), eq(places.id, appointments.siteId)))
    .innerJoin(users, eq(users.id, appointments.agentId))
    .innerJoin(structures, eq(structures.id, appointments.structureId))
    .where(and(eq(appointments.structureId, structureId), eq(appointments.id, id)));
  if (!row) return 'introuvable' as const;
  const to = channelFor(row.person);
  if (!to) return 'sans_contact' as const;
  const { appointment: a } = row;
  const [calendar, previous] = await Promise.all([
    calendarOf(tx, structureId, a.id),
    a.replacesId
      ? tx
          .select({ startsAt: appointments.startsAt })
          .from(appointments)
          .where(and(eq(appointments.structureId, structureId), eq(appointments.id, a.replacesId)))
      : [],
  ]);
  const context = {
    id: a.id,
    calendar,
    previousStartsAt: previous[0]?.startsAt ?? null,
    structureName: row.structureName,
    motifName: row.motif.name,
    where: LOCATION_TYPES[row.motif.locationType],
    siteName: row.site.name,
    siteAddress: postalAddress(row.site) || null,
    sitePhone: row.site.phone,
    agentName: row.agentName,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    instructions: row.motif.instructions,
    cancelUrl: kind !== 'annulation' && canCancelByPerson(a.status, a.startsAt, now) ? cancelUrl(services, a.id, a.startsAt) : null,
    cancelReason: a.cancelReason,
    offeredAt: offer?.at ?? null,
  };
  if (kind === 'plus_tot' && !context.cancelUrl) return 'trop_tard' as const;
  const email = to.channel === 'email' ? appointmentEmail(kind, context) : null;
  const queued = await enqueueMessage(
    tx,
    structureId,
    {
      channel: to.channel,
      recipient: to.recipient,
      subject: email?.subject ?? null,
      body: email?.body ?? appointmentSms(kind, context),
      attachment: email && kind !== 'plus_tot' ? appointmentIcs(context, kind === 'annulation') : null,
      purpose: `rdv.${kind}`,
      subjectId: a.personId,
      dedupeKey: offer ? `rdv.${kind}:${a.id}:${offer.number}` : `rdv.${kind}:${a.id}`,
    },
    now,
  );
  return queued ? ('envoye' as const) : ('deja' as const);
}

/**
 * L'événement d'agenda d'un rendez-vous : le premier rendez-vous de sa suite de changements d'heure (son identifiant
 * reste celui de l'événement) et le nombre de changements (le numéro de version de l'événement).
 */
async function calendarOf(tx: Tx, structureId: string, id: string) {
  const [first] = await sqlRows<{ uid: string; sequence: number }>(
    tx,
    sql`with recursive chain (id, replaces_id, depth) as (
          select id, replaces_id, 0 from appointments where structure_id = ${structureId} and id = ${id}
          union all
          select a.id, a.replaces_id, chain.depth + 1 from appointments a
            join chain on a.structure_id = ${structureId} and a.id = chain.replaces_id
            where chain.depth < 50
        )
        select id as uid, depth as sequence from chain order by depth desc limit 1`,
  );
  return { uid: first?.uid ?? id, sequence: Number(first?.sequence ?? 0) };
}

/** Les rappels dus : rendez-vous prévus dans les 48 heures, pris plus de 48 heures avant. Rend combien sont partis. */
export async function sendDueReminders(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const now = services.now();
    const due = await tx
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.structureId, structureId),
          eq(appointments.status, 'prevu'),
          gt(appointments.startsAt, now),
          lte(appointments.startsAt, new Date(now.getTime() + REMINDER_HOURS * 3_600_000)),
          lte(appointments.createdAt, sql`${appointments.startsAt} - interval '48 hours'`),
        ),
      );
    let sent = 0;
    for (const { id } of due) if ((await notifyAppointment(tx, services, structureId, id, 'rappel', now)) === 'envoye') sent++;
    return sent;
  });
}

export const appointmentReminderJob: JobDefinition = {
  kind: 'rdv.rappels',
  label: 'Rendez-vous : rappels 48 heures avant',
  periodMs: 15 * 60_000,
  run: async (services, structureId) => {
    const count = await sendDueReminders(services, structureId);
    return `${count} rappel${count > 1 ? 's' : ''} envoyé${count > 1 ? 's' : ''}`;
  },
};

/**
 * Un message écrit plus tard par le worker : la confirmation, ou le changement d'heure, d'un rendez-vous pris par la
 * personne (migrations 0067, 0073).
 */
export const appointmentMessageJob: JobDefinition = {
  kind: 'rdv.message',
  label: 'Rendez-vous : message à la personne',
  run: async (services, structureId, job) => {
    const { id, kind } = job.payload as { id: string; kind: AppointmentMessageKind };
    const outcome = await transaction(services.database, { structureId }, (tx) =>
      notifyAppointment(tx, services, structureId, id, kind, services.now()),
    );
    return OUTCOMES[outcome];
  },
};

const OUTCOMES = {
  envoye: 'message écrit',
  deja: 'déjà écrit',
  sans_contact: 'la personne n’a ni téléphone ni e-mail',
  introuvable: 'rendez-vous introuvable',
  trop_tard: 'trop tard',
} as const;

// L'annulation par la personne, avec le lien reçu : sans compte, sans session.

export type LinkedAppointment =
  | { ok: false; reason: 'invalide' }
  | { ok: false; reason: 'expire'; sitePhone: string | null }
  | {
      ok: true;
      id: string;
      structureId: string;
      personId: string;
      motifId: string;
      structureName: string;
      motifName: string;
      siteName: string;
      sitePhone: string | null;
      startsAt: Date;
      status: string;
    };

interface LinkRow {
  structure_name: string;
  motif_name: string;
  site_name: string;
  starts_at: string | Date;
  status: string;
  site_phone: string | null;
  structure_id: string;
  person_id: string;
  motif_id: string;
}

/** Vérifie le lien ; un lien expiré (moins de 4 heures avant) le dit, un lien altéré ne dit rien. */
export async function appointmentByLink(tx: Tx, services: Pick<Services, 'rootKey'>, token: string, now: Date): Promise<LinkedAppointment> {
  const check = verifyLink(services.rootKey, CANCEL_LINK, token, now);
  if (!check.ok && check.reason === 'invalide') return { ok: false, reason: 'invalide' };
  // Expiré, le lien a passé la signature : son identifiant est sûr, le téléphone du lieu peut être dit.
  const id = check.ok ? check.id : token.split('.')[0]!;
  const [row] = await sqlRows<LinkRow>(tx, sql`select * from relais_appointment_by_link(${id}::uuid)`);
  if (!row) return { ok: false, reason: 'invalide' };
  if (!check.ok) return { ok: false, reason: 'expire', sitePhone: row.site_phone };
  return {
    ok: true,
    id,
    structureId: row.structure_id,
    personId: row.person_id,
    motifId: row.motif_id,
    structureName: row.structure_name,
    motifName: row.motif_name,
    siteName: row.site_name,
    sitePhone: row.site_phone,
    startsAt: new Date(row.starts_at),
    status: row.status,
  };
}

/** Annule par le lien ; rend ce qui s'est passé ('annule', 'deja_annule', 'trop_tard', 'introuvable'). */
export async function cancelByLink(tx: Tx, id: string, now: Date) {
  const [row] = await sqlRows<{ outcome: string }>(tx, sql`select relais_cancel_appointment_by_link(${id}::uuid, ${now}) as outcome`);
  return (row?.outcome ?? 'introuvable') as 'annule' | 'deja_annule' | 'trop_tard' | 'introuvable';
}
