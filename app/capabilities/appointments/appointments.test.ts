// Plages, absences et rendez-vous sur une vraie base : les créneaux libres suivent les plages, les absences, les jours
// fériés et les rendez-vous pris ; un créneau se prend une fois, même demandé deux fois au même instant ; chaque refus
// dit pourquoi ; l'état se note quand il le faut ; rien d'une autre structure ne se lit ni ne se prend.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call, callAsResident, residentIdentity } from '../../../test/request';
import { myAppointments } from './my-appointments.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { localDateTime } from '../../platform/time';
import { makePlace } from '../directory/builders.server';
import { makePerson, makeSolicitation } from '../reception/builders.server';
import {
  bookAppointment,
  cancelByService,
  markAppointment,
  planningBetween,
  slotsFor,
  toFill,
  activeMotif,
  linkSolicitation,
  solicitationPrefill,
  type BookingRequest,
} from './appointments.server';
import { addAbsence, addRange, archiveRange, rangeChoices } from './ranges.server';
import { absenceSchema, rangeSchema } from './ranges';
import { appointmentMotifs, appointments } from './schema';
import { appointmentsFollow, readAppointmentFigures } from '../steering/appointment-figures.server';

const at = (value: string) => localDateTime(value);

describe('plages, créneaux et rendez-vous', () => {
  let services: TestServices;
  let julien: Actor;
  let lucie: Actor;
  let accueil: Actor;
  let thomas: Actor;
  let ids: { site: string; motif: string; short: string; awa: string; bruno: string; betaMotif: string };

  const book = (request: Partial<BookingRequest> & { start: Date }, via: 'agent' | 'habitant' = 'agent', actor = accueil) =>
    call(services, actor, (ctx) =>
      bookAppointment(
        ctx.tx,
        { structureId: ctx.actor.structureId, userId: via === 'agent' ? ctx.actor.userId : null },
        { personId: ids.awa, motifId: ids.motif, agentId: julien.userId, siteId: ids.site, ...request },
        via,
        ctx.now,
      ),
    );
  const slotsOn = (day: string, via: 'agent' | 'habitant' = 'agent', motifId = ids.motif) =>
    call(services, accueil, async (ctx) => {
      const motif = await activeMotif(ctx.tx, ctx.actor.structureId, motifId);
      return (await slotsFor(ctx.tx, ctx.actor.structureId, motif!, day, day, ctx.now, via)).map((s) =>
        s.start.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }),
      );
    });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    // Lundi 7 décembre 2026, 8 h : la semaine s'ouvre.
    services.clock.now = at('2026-12-07T08:00');
    const agents = await makeAgents(services.database, {
      'julien@alpha': 'mediateur',
      'lucie@alpha': 'mediateur',
      'sarah@alpha': 'accueil',
      'chef@alpha': 'responsable',
      'thomas@beta': 'mediateur',
    });
    julien = agents['julien@alpha'];
    lucie = agents['lucie@alpha'];
    accueil = agents['sarah@alpha'];
    thomas = agents['thomas@beta'];
    ids = await operatorTransaction(services.database, async (tx) => {
      const site = await makePlace(tx, julien.structureId, 'CCAS — accueil', { receptionSite: true });
      const motif = (structureId: string, name: string, durationMinutes: number, maxDaysAhead = 30) =>
        tx
          .insert(appointmentMotifs)
          .values({ structureId, name, durationMinutes, locationType: 'sur_place', bookableBy: 'habitants', maxDaysAhead })
          .returning()
          .then((rows) => rows[0]!.id);
      return {
        site: site.id,
        motif: await motif(julien.structureId, 'Démarches CAF', 30),
        short: await motif(julien.structureId, 'Question rapide', 15),
        betaMotif: await motif(thomas.structureId, 'Démarches Beta', 30),
        awa: (await makePerson(tx, julien.structureId, { firstName: 'Awa', lastName: 'Diop' })).id,
        bruno: (await makePerson(tx, julien.structureId, { firstName: 'Bruno', lastName: 'Petit' })).id,
      };
    });
    // Julien reçoit du lundi au vendredi, 9 h – 12 h, pour les deux motifs.
    const choices = await call(services, julien, rangeChoices);
    const range = rangeSchema({
      agents: new Set(choices.agents.map((a) => a.id)),
      sites: new Set(choices.sites.map((s) => s.id)),
      motifs: new Set(choices.motifs.map((m) => m.id)),
    }).parse({
      agentId: julien.userId,
      siteId: ids.site,
      motifIds: [ids.motif, ids.short],
      frequency: 'hebdomadaire',
      interval: '1',
      weekdays: ['0', '1', '2', '3', '4'],
      firstDay: '2026-12-07',
      startTime: '09:00',
      endTime: '12:00',
    });
    expect((await call(services, julien, addRange, range)).overlaps).toEqual([]);
  });
  afterAll(() => services.database.close());

  it('découpe les plages à la durée du motif, sans jour férié ni fenêtre dépassée pour la personne', async () => {
    expect(await slotsOn('2026-12-08')).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(await slotsOn('2026-12-08', 'agent', ids.short)).toHaveLength(12);
    expect(await slotsOn('2026-12-12')).toEqual([]); // samedi
    expect(await slotsOn('2026-12-25')).toEqual([]); // Noël
    // 30 jours d'horizon pour la personne ; un agent réserve plus loin.
    expect(await slotsOn('2027-01-20', 'habitant')).toEqual([]);
    expect(await slotsOn('2027-01-20', 'agent')).toHaveLength(6);
  });

  it('prend un créneau une fois, même demandé deux fois au même instant ; la base refuse un chevauchement', async () => {
    const start = at('2026-12-08T09:00');
    const [first, second] = await Promise.all([book({ start }), book({ start, personId: ids.bruno })]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => !r.ok)).toEqual({ ok: false, error: 'pris' });
    expect(await slotsOn('2026-12-08')).toEqual(['09:30', '10:00', '10:30', '11:00', '11:30']);
    // Un motif de 15 minutes qui chevaucherait le rendez-vous de 9 h est refusé aussi.
    expect(await book({ start: at('2026-12-08T09:15'), motifId: ids.short })).toEqual({ ok: false, error: 'pris' });
    // Écrite à la main, sans passer par l'application : la contrainte d'exclusion refuse.
    await expect(
      transaction(services.database, accueil, (tx) =>
        tx.insert(appointments).values({
          structureId: accueil.structureId,
          personId: ids.bruno,
          motifId: ids.short,
          agentId: julien.userId,
          siteId: ids.site,
          startsAt: at('2026-12-08T09:10'),
          endsAt: at('2026-12-08T09:25'),
          bookedVia: 'agent',
          bookedBy: accueil.userId,
        }),
      ),
    ).rejects.toSatisfy((e: Error) => /appointments_sans_chevauchement/.test(`${e.message} ${(e.cause as Error)?.message}`));
  });

  it('dit pourquoi un créneau ne se prend pas, et n’écrit rien', async () => {
    const count = () =>
      operatorTransaction(services.database, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(appointments)).then((r) => r[0]!.n);
    const before = await count();
    expect(await book({ start: at('2026-12-07T07:00') })).toEqual({ ok: false, error: 'passe' });
    expect(await book({ start: at('2026-12-25T09:00') })).toEqual({ ok: false, error: 'ferie' });
    expect(await book({ start: at('2026-12-09T14:00') })).toEqual({ ok: false, error: 'hors_plage' });
    expect(await book({ start: at('2027-01-20T09:00') }, 'habitant')).toEqual({ ok: false, error: 'hors_fenetre' });
    expect(await book({ start: at('2026-12-09T09:00'), motifId: ids.betaMotif })).toEqual({ ok: false, error: 'motif_inconnu' });
    expect(await book({ start: at('2026-12-09T09:00'), personId: crypto.randomUUID() })).toEqual({
      ok: false,
      error: 'personne_inconnue',
    });
    const absence = absenceSchema(new Set([julien.userId])).parse({
      agentId: julien.userId,
      startsAt: '2026-12-10T08:00',
      endsAt: '2026-12-10T18:00',
      kind: 'formation',
    });
    expect(await call(services, julien, addAbsence, absence)).toMatchObject({ appointments: 0 });
    expect(await slotsOn('2026-12-10')).toEqual([]);
    expect(await book({ start: at('2026-12-10T10:00') })).toEqual({ ok: false, error: 'absence' });
    expect(await count()).toBe(before);
  });

  it('note l’état quand il le faut ; excusé libère le créneau ; le service annule en disant pourquoi', async () => {
    const booked = await book({ start: at('2026-12-09T10:00'), personId: ids.bruno });
    if (!booked.ok) throw new Error(booked.error);
    expect(await call(services, julien, markAppointment, booked.id, 'honore')).toEqual({ ok: false, error: 'trop_tot' });
    expect(await call(services, julien, markAppointment, booked.id, 'excuse')).toEqual({ ok: true });
    expect(await slotsOn('2026-12-09')).toContain('10:00');
    const again = await book({ start: at('2026-12-09T10:00') });
    if (!again.ok) throw new Error(again.error);
    expect(await call(services, julien, cancelByService, again.id, 'Agent malade')).toBe(true);
    expect(await call(services, julien, cancelByService, again.id, 'Deux fois')).toBe(false);
    expect(await call(services, julien, markAppointment, again.id, 'honore')).toEqual({ ok: false, error: 'annule' });

    // Le lendemain du rendez-vous de 9 h du mardi : il est « à renseigner », puis honoré.
    services.clock.now = at('2026-12-09T08:00');
    const [pending] = await call(services, julien, toFill, julien.userId);
    expect(pending).toMatchObject({ personName: expect.any(String), motifName: 'Démarches CAF', toFill: true });
    expect(await call(services, julien, markAppointment, pending!.id, 'honore')).toEqual({ ok: true });
    expect(await call(services, julien, toFill, null)).toEqual([]);
    // Honoré : la sollicitation se préremplit une fois (organisme, motif, durée, heure, lieu), puis se relie.
    expect(await call(services, julien, solicitationPrefill, pending!.id)).toMatchObject({
      personId: ids.awa,
      procedure: 'Démarches CAF',
      durationMinutes: 30,
      siteId: ids.site,
      channel: 'sur_place',
    });
    const solicitation = await operatorTransaction(services.database, (tx) =>
      makeSolicitation(tx, julien.structureId, julien.userId, {
        personId: ids.awa,
        occurredAt: at('2026-12-08T09:00'),
      }),
    );
    await call(services, julien, linkSolicitation, pending!.id, solicitation.id, ids.bruno);
    expect(await call(services, julien, solicitationPrefill, pending!.id)).not.toBeNull();
    await call(services, julien, linkSolicitation, pending!.id, solicitation.id, ids.awa);
    expect(await call(services, julien, solicitationPrefill, pending!.id)).toBeNull();
    services.clock.now = at('2026-12-07T08:00');
  });

  it('lit le planning de la structure, jamais celui d’une autre ; un médiateur ne retire pas la plage d’un autre', async () => {
    const week = await call(services, accueil, planningBetween, '2026-12-07', '2026-12-13', null);
    expect(week.map((a) => a.status).sort()).toEqual(['annule', 'excuse', 'honore']);
    expect(await call(services, thomas, planningBetween, '2026-12-07', '2026-12-13', null)).toEqual([]);
    const [range] = await operatorTransaction(services.database, (tx) =>
      tx.execute(sql`select id from opening_ranges`).then((r) => (r as unknown as { rows: Array<{ id: string }> }).rows),
    );
    expect(await call(services, lucie, archiveRange, range!.id)).toBe(false);
    expect(await call(services, thomas, archiveRange, range!.id)).toBe(false);
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(appointments)
        .where(and(eq(appointments.status, 'honore'))),
    );
    expect(row!.statusBy).toBe(julien.userId);
  });

  it('compte au pilotage : rendez-vous par semaine, absents, délai de prise, part prise par la personne', async () => {
    const figures = await call(services, julien, (ctx) =>
      readAppointmentFigures(ctx.tx, ctx.actor.structureId, { du: '2026-12-01', au: '2026-12-31' }),
    );
    expect(figures).toMatchObject({
      total: 3,
      honoured: 1,
      absent: 0,
      excused: 1,
      cancelled: 1,
      noShowRate: 0,
      byPersonShare: 0,
      medianLeadDays: 2.1,
      weeks: [{ week: '2026-12-07', booked: 2, absent: 0 }],
    });
    expect(appointmentsFollow({ du: '2026-12-01', au: '2026-12-31', lieu: ids.site })).toBe(true);
    expect(appointmentsFollow({ du: '2026-12-01', au: '2026-12-31', organisme: 'caf' })).toBe(false);
  });
  it('dans son espace, la personne voit ses seuls rendez-vous (RLS), avec le lien d’annulation tant qu’il est temps', async () => {
    const booked = await book({ start: at('2026-12-11T11:00'), personId: ids.bruno });
    if (!booked.ok) throw new Error(booked.error);
    const brunos = await callAsResident(services, residentIdentity(julien.structureId, ids.bruno), myAppointments);
    expect(brunos.upcoming.filter((a) => a.id === booked.id)).toMatchObject([
      { id: booked.id, motifName: 'Démarches CAF', status: 'prevu', cancelPath: expect.stringMatching(/^\/rendez-vous\/annuler\//) },
    ]);
    expect(brunos.past.every((a) => a.status !== 'prevu' || a.cancelPath === null)).toBe(true);
    const awas = await callAsResident(services, residentIdentity(julien.structureId, ids.awa), myAppointments);
    expect([...awas.upcoming, ...awas.past].some((a) => a.id === booked.id)).toBe(false);
    await callAsResident(services, residentIdentity(julien.structureId, ids.awa), async (scope) => {
      const seen = await scope.tx.select({ personId: appointments.personId }).from(appointments);
      expect(seen.every((row) => row.personId === ids.awa)).toBe(true);
    });
    expect(await call(services, julien, cancelByService, booked.id, 'Plage fermée')).toBe(true);
  });
});
