// « Prévenez-moi si une place plus tôt se libère » (issue 22, comme RDV Service Public) : le worker cherche, pour chaque
// rendez-vous qui le demande, une heure libre du même motif et du même lieu, un jour plus tôt au moins ; il la propose
// par un message avec le lien du rendez-vous (où la personne change d'heure). Au plus 3 propositions, une par jour.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import type { Services } from '../../platform/services.server';
import { localDay, today } from '../../platform/time';
import { slotsFor } from './appointments.server';
import { canOfferEarlier, isWorthOffering, MAX_EARLIER_OFFERS } from './booking';
import { notifyAppointment } from './notifications.server';
import { appointmentMotifs, appointments, motifOfAppointment } from './schema';

/** Propose une place plus tôt à qui l'a demandé et peut la recevoir ; rend combien de propositions sont parties. */
export async function offerEarlierSlots(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const now = services.now();
    const wanting = await tx
      .select({ appointment: appointments, motif: appointmentMotifs })
      .from(appointments)
      .innerJoin(appointmentMotifs, motifOfAppointment)
      .where(
        and(
          eq(appointments.structureId, structureId),
          eq(appointments.status, 'prevu'),
          eq(appointments.earlierWanted, true),
          lt(appointments.earlierOffers, MAX_EARLIER_OFFERS),
          gt(appointments.startsAt, now),
          eq(appointmentMotifs.bookableBy, 'habitants'),
          isNull(appointmentMotifs.archivedAt),
        ),
      )
      .limit(200);
    let sent = 0;
    for (const { appointment: a, motif } of wanting) {
      if (!canOfferEarlier(a, now)) continue;
      const slots = await slotsFor(tx, structureId, motif, today(now), localDay(a.startsAt), now, 'habitant');
      const offer = slots.find((slot) => slot.siteId === a.siteId && isWorthOffering(slot.start, a.startsAt));
      if (!offer) continue;
      const number = a.earlierOffers + 1;
      const outcome = await notifyAppointment(tx, services, structureId, a.id, 'plus_tot', now, { at: offer.start, number });
      if (outcome !== 'envoye') continue;
      await tx
        .update(appointments)
        .set({ earlierOffers: number, earlierOfferedAt: now })
        .where(and(eq(appointments.structureId, structureId), eq(appointments.id, a.id)));
      sent++;
    }
    return sent;
  });
}

export const earlierSlotJob: JobDefinition = {
  kind: 'rdv.plus-tot',
  label: 'Rendez-vous : places plus tôt proposées',
  periodMs: 30 * 60_000,
  run: async (services, structureId) => {
    const count = await offerEarlierSlots(services, structureId);
    return `${count} proposition${count > 1 ? 's' : ''} envoyée${count > 1 ? 's' : ''}`;
  },
};
