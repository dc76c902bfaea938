// La personne prend, change et se fait proposer plus tôt, sur une vraie base, sous le rôle relais_resident : elle ne
// prend qu'un motif ouvert en ligne et qu'une heure libre, n'écrit aucun rendez-vous pour une autre, ne lit rien des
// autres ; sa confirmation part par le worker ; un changement refusé ne change rien ; « plus tôt » : au plus 3
// propositions, une par jour, avec le lien qui permet de changer.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call, callAsResident, residentIdentity } from '../../../test/request';
import { sqlRows } from '../../db/database.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import { runDueJobs } from '../../platform/jobs/jobs.server';
import type { Actor } from '../../platform/policies';
import { auditEvents, outbox } from '../../platform/schema';
import { localDateTime } from '../../platform/time';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { JOB_DEFINITIONS } from '../../jobs.server';
import { bookByAgent } from './appointments.server';
import { offerEarlierSlots } from './earlier.server';
import {
  bookableMotifs,
  bookByPerson,
  moveByPerson,
  parseSlotChoice,
  slotsForPerson,
  slotValue,
  type PersonScope,
} from './person-booking.server';
import { cancelByLink } from './notifications.server';
import { addRange } from './ranges.server';
import { weekdayMornings } from './builders.server';
import { appointmentMotifs, appointments } from './schema';

const at = (value: string) => localDateTime(value);

describe('rendez-vous pris par la personne', () => {
  let services: TestServices;
  let julien: Actor;
  let ids: { site: string; online: string; agentsOnly: string; awa: string; bruno: string };

  const asPerson = <R>(personId: string, work: (scope: PersonScope) => Promise<R>) =>
    callAsResident(services, residentIdentity(julien.structureId, personId), (ctx) =>
      work({ tx: ctx.tx, structureId: julien.structureId, personId, now: ctx.now }),
    );
  const slot = (start: string) => ({ agentId: julien.userId, siteId: ids.site, start: at(start) });
  const book = (personId: string, start: string, motifId = ids.online, earlier = false) =>
    asPerson(personId, (scope) => bookByPerson(scope, motifId, slot(start), earlier));
  const row = (id: string) =>
    operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(appointments)
        .where(eq(appointments.id, id))
        .then((r) => r[0]!),
    );
  const messages = () => operatorTransaction(services.database, (tx) => tx.select().from(outbox).orderBy(outbox.createdAt));
  const runJobs = () => runDueJobs(services, julien.structureId, JOB_DEFINITIONS);

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = at('2026-12-07T08:00');
    julien = (await makeAgents(services.database, { 'julien@alpha': 'mediateur' }))['julien@alpha'];
    ids = await operatorTransaction(services.database, async (tx) => {
      const site = await makePlace(tx, julien.structureId, 'CCAS — accueil', { receptionSite: true, phone: '01 23 45 67 89' });
      const motif = (name: string, bookableBy: 'habitants' | 'agents') =>
        tx
          .insert(appointmentMotifs)
          .values({ structureId: julien.structureId, name, durationMinutes: 30, locationType: 'sur_place', bookableBy, maxDaysAhead: 30 })
          .returning()
          .then((rows) => rows[0]!.id);
      return {
        site: site.id,
        online: await motif('Démarches CAF', 'habitants'),
        agentsOnly: await motif('Accompagnement long', 'agents'),
        awa: (await makePerson(tx, julien.structureId, { firstName: 'Awa', lastName: 'Test', phone: '06 11 22 33 44' })).id,
        bruno: (await makePerson(tx, julien.structureId, { firstName: 'Bruno', lastName: 'Test', email: 'bruno@exemple.test' })).id,
      };
    });
    await call(services, julien, addRange, weekdayMornings(julien.userId, ids.site, [ids.online, ids.agentsOnly]));
  });
  afterAll(() => services.database.close());

  it('ne propose que les motifs ouverts en ligne, et les heures libres sans dire qui les a prises', async () => {
    const motifs = await asPerson(ids.awa, (ctx) => bookableMotifs(ctx.tx, julien.structureId));
    expect(motifs.map((m) => m.name)).toEqual(['Démarches CAF']);
    await call(services, julien, bookByAgent, { personId: ids.bruno, motifId: ids.online, ...slot('2026-12-08T09:00') });
    const days = await asPerson(ids.awa, async (ctx) => {
      const [motif] = await ctx.tx.select().from(appointmentMotifs).where(eq(appointmentMotifs.id, ids.online));
      return slotsForPerson(ctx.tx, julien.structureId, motif!, '2026-12-08', ctx.now);
    });
    const tuesday = days.find((d) => d.day === '2026-12-08')!;
    expect(tuesday.slots[0]!.start).toEqual(at('2026-12-08T09:30'));
    expect(tuesday.slots[0]!.agentName).toBe('Julien');
    // Le temps pris se lit sans personne : la fonction ne rend ni personne, ni motif.
    const busy = await asPerson(ids.awa, (ctx) =>
      sqlRows<Record<string, unknown>>(
        ctx.tx,
        sql`select * from relais_busy_between(${julien.structureId}::uuid, ${at('2026-12-08T00:00')}, ${at('2026-12-09T00:00')})`,
      ),
    );
    expect(busy).toHaveLength(1);
    expect(Object.keys(busy[0]!).sort()).toEqual(['agent_id', 'ends_at', 'kind', 'starts_at']);
    // Et les rendez-vous des autres ne se lisent pas.
    const visible = await asPerson(ids.awa, (ctx) => ctx.tx.select().from(appointments));
    expect(visible).toEqual([]);
  });

  it('prend une heure libre ; la confirmation part par le worker, au journal « par la personne »', async () => {
    const result = await book(ids.awa, '2026-12-09T10:00', ids.online, true);
    expect(result.ok).toBe(true);
    const id = (result as { id: string }).id;
    expect(await row(id)).toMatchObject({ bookedVia: 'habitant', bookedBy: null, status: 'prevu', earlierWanted: true, personId: ids.awa });
    const audit = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'rdv.pris'), eq(auditEvents.targetId, id))),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBeNull();
    expect((await messages()).filter((m) => m.dedupeKey === `rdv.confirmation:${id}`)).toHaveLength(0);
    await runJobs();
    const sent = (await messages()).filter((m) => m.dedupeKey === `rdv.confirmation:${id}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', recipient: '06 11 22 33 44' });
    expect(sent[0]!.body).toMatch(/RDV pris le mer\. 9 déc\.,? 10:00.*Annuler : http/);
  });

  it('refuse une heure prise, un motif réservé aux agents, un formulaire altéré', async () => {
    expect(await book(ids.bruno, '2026-12-09T10:00')).toEqual({ ok: false, error: 'pris' });
    expect(await book(ids.bruno, '2026-12-09T11:00', ids.agentsOnly)).toEqual({ ok: false, error: 'motif_inconnu' });
    expect(await book(ids.bruno, '2026-12-09T13:00')).toEqual({ ok: false, error: 'hors_plage' });
    expect(await book(ids.bruno, '2026-12-07T07:00')).toEqual({ ok: false, error: 'passe' });
    expect(parseSlotChoice('x|y|z')).toBeNull();
    expect(parseSlotChoice(slotValue(slot('2026-12-09T10:00')))).toEqual(slot('2026-12-09T10:00'));
  });

  it("n'écrit jamais un rendez-vous pour une autre personne, ni « par un agent » (RLS)", async () => {
    const insert = (values: Partial<typeof appointments.$inferInsert>) =>
      asPerson(ids.awa, (ctx) =>
        ctx.tx.insert(appointments).values({
          structureId: julien.structureId,
          personId: ids.awa,
          motifId: ids.online,
          agentId: julien.userId,
          siteId: ids.site,
          startsAt: at('2026-12-10T11:00'),
          endsAt: at('2026-12-10T11:30'),
          bookedVia: 'habitant',
          ...values,
        }),
      );
    await expect(insert({ personId: ids.bruno })).rejects.toThrow();
    await expect(insert({ bookedVia: 'agent' })).rejects.toThrow();
    await expect(insert({ status: 'honore' })).rejects.toThrow();
    await expect(insert({ earlierOffers: 3 })).rejects.toThrow();
  });

  it("change d'heure : l'ancien rendez-vous est quitté, le nouveau pris ; un refus ne change rien", async () => {
    const first = (await book(ids.bruno, '2026-12-10T09:00')) as { id: string };
    const taken = await asPerson(ids.bruno, (ctx) => moveByPerson(ctx, first.id, slot('2026-12-09T10:00')));
    expect(taken).toEqual({ ok: false, error: 'pris' });
    expect((await row(first.id)).status).toBe('prevu');
    const moved = await asPerson(ids.bruno, (ctx) => moveByPerson(ctx, first.id, slot('2026-12-10T11:00')));
    expect(moved.ok).toBe(true);
    const movedId = (moved as { id: string }).id;
    expect(await row(first.id)).toMatchObject({ status: 'annule', cancelledBy: 'personne', cancelReason: 'Heure changée par la personne' });
    expect(await row(movedId)).toMatchObject({ status: 'prevu', bookedVia: 'habitant', replacesId: first.id });
    // Le worker envoie « votre rendez-vous a changé » (l'heure d'avant et la nouvelle), pas une confirmation de plus.
    await runJobs();
    const sent = (await messages()).filter((m) => m.dedupeKey?.endsWith(movedId));
    expect(sent.map((m) => m.purpose)).toEqual(['rdv.changement']);
    expect(sent[0]!.body).toContain(
      'Votre rendez-vous du jeudi 10 décembre à 09:00 a changé. Le voici :\n- le jeudi 10 décembre à 11:00 ;',
    );
    // Elle ne relie pas elle-même un rendez-vous à un autre (la fonction le fait, après vérification).
    await expect(
      asPerson(ids.bruno, (ctx) =>
        ctx.tx.insert(appointments).values({
          structureId: julien.structureId,
          personId: ids.bruno,
          motifId: ids.online,
          agentId: julien.userId,
          siteId: ids.site,
          startsAt: at('2026-12-11T11:00'),
          endsAt: at('2026-12-11T11:30'),
          bookedVia: 'habitant',
          replacesId: first.id,
        }),
      ),
    ).rejects.toThrow();
    // Le rendez-vous d'une autre personne ne se change pas.
    const other = await asPerson(ids.awa, (ctx) => moveByPerson(ctx, movedId, slot('2026-12-11T09:00')));
    expect(other).toEqual({ ok: false, error: 'introuvable' });
  });

  it('propose une place plus tôt : au plus une par jour, trois en tout, avec le lien du rendez-vous', async () => {
    // Awa a rendez-vous mercredi 9 à 10 h et veut plus tôt. Lundi 7 et mardi 8 sont pleins : rien à proposer (mercredi
    // 9 h n'avance pas d'un jour).
    const awa = (await messages()).find((m) => m.recipient === '06 11 22 33 44')!;
    const awaId = awa.dedupeKey.split(':')[1]!;
    for (const hour of ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'])
      for (const day of ['2026-12-07', '2026-12-08'])
        await call(services, julien, bookByAgent, { personId: ids.bruno, motifId: ids.agentsOnly, ...slot(`${day}T${hour}`) });
    expect(await offerEarlierSlots(services, julien.structureId)).toBe(0);
    // Une heure se libère mardi 8 à 9 h : la proposition part, avec le lien pour changer.
    const freed = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.startsAt, at('2026-12-08T09:00')), eq(appointments.status, 'prevu'))),
    );
    for (const { id } of freed) await transaction(services.database, {}, (tx) => cancelByLink(tx, id, services.now()));
    expect(await offerEarlierSlots(services, julien.structureId)).toBe(1);
    const offer = (await messages()).find((m) => m.dedupeKey === `rdv.plus_tot:${awaId}:1`)!;
    expect(offer.body).toMatch(/une place plus tôt est libre le mar\. 8 déc\.,? 09:00\. La prendre : http.*\/rendez-vous\/annuler\//);
    expect(await row(awaId)).toMatchObject({ earlierOffers: 1 });
    // Le même jour, rien de plus ; le lendemain, une deuxième ; au plus trois.
    expect(await offerEarlierSlots(services, julien.structureId)).toBe(0);
    services.clock.now = at('2026-12-08T08:05');
    expect(await offerEarlierSlots(services, julien.structureId)).toBe(1);
    await operatorTransaction(services.database, (tx) =>
      tx
        .update(appointments)
        .set({ earlierOffers: 3, earlierOfferedAt: at('2026-12-01T08:00') })
        .where(eq(appointments.id, awaId)),
    );
    expect(await offerEarlierSlots(services, julien.structureId)).toBe(0);
  });
});
