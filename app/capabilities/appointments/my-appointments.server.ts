// « Mes rendez-vous » dans l'espace de la personne : les prochains, puis les derniers passés ; pour chacun, le lien
// d'annulation tant qu'il est temps (4 heures avant). Lu sous le rôle relais_resident (ses seuls rendez-vous, 0065).
import { and, desc, eq, sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import type { ResidentScope } from '../portal/resident-pages.server';
import { postalAddress } from '../directory/address';
import { places } from '../directory/schema';
import { canCancelByPerson } from './booking';
import { cancelUrl } from './notifications.server';
import { bookableMotifs } from './person-booking.server';
import { appointmentMotifs, appointments, motifOfAppointment } from './schema';

export async function myAppointments(scope: ResidentScope) {
  const { tx, resident, now, services } = scope;
  const rows = await tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      agentId: appointments.agentId,
      earlierWanted: appointments.earlierWanted,
      motifName: appointmentMotifs.name,
      instructions: appointmentMotifs.instructions,
      siteName: places.name,
      street: places.street,
      postalCode: places.postalCode,
      city: places.city,
    })
    .from(appointments)
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .innerJoin(places, and(eq(places.structureId, appointments.structureId), eq(places.id, appointments.siteId)))
    .where(and(eq(appointments.structureId, resident.structureId), eq(appointments.personId, resident.personId)))
    .orderBy(desc(appointments.startsAt))
    .limit(30);
  const names = new Map<string, string>();
  for (const agentId of new Set(rows.map((r) => r.agentId))) {
    const [row] = await sqlRows<{ name: string | null }>(tx, sql`select relais_member_name(${agentId}) as name`);
    names.set(agentId, row?.name ?? '');
  }
  const present = (row: (typeof rows)[number]) => ({
    id: row.id,
    startsAt: row.startsAt,
    status: row.status,
    motifName: row.motifName,
    instructions: row.instructions,
    agentName: names.get(row.agentId) ?? '',
    earlierWanted: row.earlierWanted && row.status === 'prevu',
    where: [row.siteName, postalAddress(row)].filter(Boolean).join(' — '),
    cancelPath: canCancelByPerson(row.status, row.startsAt, now) ? new URL(cancelUrl(services, row.id, row.startsAt)).pathname : null,
  });
  const upcoming = rows.filter((r) => r.startsAt > now).reverse();
  const past = rows.filter((r) => r.startsAt <= now).slice(0, 10);
  const canBook = (await bookableMotifs(tx, resident.structureId)).length > 0;
  return { upcoming: upcoming.map(present), past: past.map(present), canBook };
}
