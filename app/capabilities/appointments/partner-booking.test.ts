// Le partenaire prend un rendez-vous pour une orientation reçue, sur une vraie base : dans l'agenda de la structure qui
// oriente, sur un motif ouvert aux partenaires, à une heure libre ; le rendez-vous porte l'orientation et la personne
// reçoit sa confirmation. La RLS ne lui montre que ce qu'il faut (aucune fiche, aucun rendez-vous des autres) ; une
// troisième structure, ou un partenaire qui n'a pas reçu l'orientation, ne prend rien.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call } from '../../../test/request';
import { sqlRows } from '../../db/database.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import { JOB_DEFINITIONS } from '../../jobs.server';
import { runDueJobs } from '../../platform/jobs/jobs.server';
import type { Actor } from '../../platform/policies';
import { auditEvents, outbox } from '../../platform/schema';
import { localDateTime } from '../../platform/time';
import { answerPartnership, partnershipsOf, proposePartnership } from '../administration/partnerships.server';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { createReferral } from '../referrals/referrals.server';
import { referralSchema } from '../referrals/rules';
import { bookByAgent } from './appointments.server';
import { appointmentsForReferral, bookForReferral, partnerMotifs, partnerSlots, openReceivedReferral } from './partner-booking.server';
import { addRange } from './ranges.server';
import { weekdayMornings } from './builders.server';
import { appointmentMotifs, appointments } from './schema';

const at = (value: string) => localDateTime(value);

describe('rendez-vous pris par un partenaire pour une orientation reçue', () => {
  let services: TestServices;
  let julien: Actor & { displayName: string };
  let helene: Actor;
  let thomas: Actor;
  let ids: { site: string; followUp: string; agentsOnly: string; awa: string; bruno: string; referral: string };
  const slot = (start: string) => ({ agentId: julien.userId, siteId: ids.site, start: at(start) });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = at('2026-12-07T08:00');
    const agents = await makeAgents(services.database, {
      'julien@alpha': 'mediateur',
      'helene@mediatheque': 'partenaire',
      'thomas@beta': 'mediateur',
    });
    julien = { ...agents['julien@alpha'], displayName: 'Julien' };
    [helene, thomas] = [agents['helene@mediatheque'], agents['thomas@beta']];
    const made = await operatorTransaction(services.database, async (tx) => {
      const motif = (name: string, bookableBy: 'partenaires' | 'agents') =>
        tx
          .insert(appointmentMotifs)
          .values({ structureId: julien.structureId, name, durationMinutes: 30, locationType: 'telephone', bookableBy })
          .returning()
          .then((rows) => rows[0]!.id);
      return {
        site: (await makePlace(tx, julien.structureId, 'CCAS — accueil', { receptionSite: true })).id,
        partnerPlace: (await makePlace(tx, julien.structureId, 'Médiathèque', { partnerStructureId: helene.structureId })).id,
        followUp: await motif('Point après une orientation', 'partenaires'),
        agentsOnly: await motif('Accompagnement long', 'agents'),
        awa: (await makePerson(tx, julien.structureId, { firstName: 'Awa', lastName: 'Test', phone: '06 11 22 33 44' })).id,
        bruno: (await makePerson(tx, julien.structureId, { firstName: 'Bruno', lastName: 'Test' })).id,
      };
    });
    expect(await call(services, julien, proposePartnership, helene.structureId)).toEqual({ ok: true });
    const [proposal] = await call(services, helene, partnershipsOf);
    expect(await call(services, helene, answerPartnership, proposal!.id, 'accepter')).toEqual({ ok: true });
    const sent = await call(
      services,
      julien,
      createReferral,
      made.awa,
      referralSchema().parse({ placeId: made.partnerPlace, reason: 'Imprimer ses papiers', channel: 'seule', consent: 'oui' }),
    );
    if (!sent.ok) throw new Error(sent.error);
    ids = { ...made, referral: sent.id };
    await call(services, julien, addRange, weekdayMornings(julien.userId, ids.site, [ids.followUp, ids.agentsOnly]));
    // Bruno (sans orientation) a déjà mardi 9 h.
    await call(services, julien, bookByAgent, { personId: ids.bruno, motifId: ids.followUp, ...slot('2026-12-08T09:00') });
  });
  afterAll(() => services.database.close());

  it('lit les motifs ouverts aux partenaires et les heures libres, le temps de la requête, sans fiche ni rendez-vous des autres', async () => {
    // Hors d'une prise pour une orientation reçue, rien de l'agenda d'Alpha ne se lit.
    const before = await call(services, helene, async ({ tx }) => ({
      motifs: await tx.select().from(appointmentMotifs),
      busy: await sqlRows(
        tx,
        sql`select * from relais_busy_between(${julien.structureId}::uuid, ${at('2026-12-07T00:00')}, ${at('2026-12-31T00:00')})`,
      ),
    }));
    expect(before).toEqual({ motifs: [], busy: [] });
    const seen = await call(services, helene, async ({ tx }) => {
      const received = await openReceivedReferral(tx, ids.referral);
      const motifs = await partnerMotifs(tx, received!.senderId);
      const days = await partnerSlots(tx, received!.senderId, motifs[0]!, '2026-12-08', services.now());
      const persons = await sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from persons`);
      const visible = await tx.select().from(appointments);
      return { received, motifs: motifs.map((m) => m.name), tuesday: days[0]!, persons: persons[0]!.n, visible };
    });
    expect(seen.received).toEqual({ senderId: julien.structureId, personId: ids.awa });
    expect(seen.motifs).toEqual(['Point après une orientation']);
    expect(seen.tuesday.slots[0]).toMatchObject({ start: at('2026-12-08T09:30'), siteName: 'CCAS — accueil' });
    expect(seen.persons).toBe(0);
    expect(seen.visible).toEqual([]);
  });

  it("prend l'heure pour la personne de l'orientation ; le rendez-vous porte l'orientation, la personne est prévenue", async () => {
    expect(await call(services, helene, bookForReferral, ids.referral, ids.followUp, slot('2026-12-08T09:00'))).toEqual({
      ok: false,
      error: 'pris',
    });
    expect(await call(services, helene, bookForReferral, ids.referral, ids.agentsOnly, slot('2026-12-08T10:00'))).toEqual({
      ok: false,
      error: 'motif_inconnu',
    });
    const booked = await call(services, helene, bookForReferral, ids.referral, ids.followUp, slot('2026-12-08T10:00'));
    expect(booked.ok).toBe(true);
    const id = (booked as { id: string }).id;
    const row = await operatorTransaction(services.database, (tx) => tx.select().from(appointments).where(eq(appointments.id, id)));
    expect(row[0]).toMatchObject({
      structureId: julien.structureId,
      personId: ids.awa,
      referralId: ids.referral,
      bookedVia: 'partenaire',
      bookedBy: helene.userId,
    });
    // Le partenaire relit ce qu'il a pris ; la structure qui oriente le voit au journal.
    const mine = await call(services, helene, async ({ tx }) => {
      await openReceivedReferral(tx, ids.referral);
      return appointmentsForReferral(tx, julien.structureId, ids.referral);
    });
    expect(mine.map((a) => [a.motifName, a.status])).toEqual([['Point après une orientation', 'prevu']]);
    const audit = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.structureId, julien.structureId), eq(auditEvents.targetId, id))),
    );
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([['rdv.pris', helene.userId]]);
    await runDueJobs(services, julien.structureId, JOB_DEFINITIONS);
    const sms = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `rdv.confirmation:${id}`)),
    );
    expect(sms.map((m) => m.recipient)).toEqual(['06 11 22 33 44']);
  });

  it("refuse à qui n'a pas reçu l'orientation, et un rendez-vous écrit à la main pour une autre personne", async () => {
    expect(await call(services, thomas, bookForReferral, ids.referral, ids.followUp, slot('2026-12-09T10:00'))).toEqual({
      ok: false,
      error: 'introuvable',
    });
    const forged = transaction(services.database, { ...helene, partnerReferral: ids.referral }, (tx) =>
      tx.insert(appointments).values({
        structureId: julien.structureId,
        personId: ids.bruno,
        motifId: ids.followUp,
        agentId: julien.userId,
        siteId: ids.site,
        startsAt: at('2026-12-09T11:00'),
        endsAt: at('2026-12-09T11:30'),
        bookedVia: 'partenaire',
        bookedBy: helene.userId,
        referralId: ids.referral,
      }),
    );
    await expect(forged).rejects.toThrow();
    const otherStructure = await call(services, thomas, ({ tx }) =>
      sqlRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from relais_busy_between(${julien.structureId}::uuid, ${at('2026-12-07T00:00')}, ${at('2026-12-31T00:00')})`,
      ),
    );
    expect(otherStructure[0]!.n).toBe(0);
  });
});
