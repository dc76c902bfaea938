import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { queueEntries } from './schema';
import { operatorTransaction } from '../../db/transaction.server';
import { createEventHub, type EventHub } from '../../platform/events.server';
import type { Actor } from '../../platform/policies';
import { logSolicitation } from './log-solicitation.server';
import { listQueue, markLeft, QUEUE_TOPIC, registerArrival, releaseToQueue, takeFromQueue } from './queue.server';
import { arrivalSchema, solicitationSchema } from './rules';
import { call } from '../../../test/request';

describe("file d'attente", () => {
  let services: TestServices;
  let hub: EventHub;
  let reception: Actor;
  let mediator: Actor;
  let beta: Actor;
  const arrival = (displayName: string, extra: Record<string, string> = {}) => arrivalSchema().parse({ displayName, ...extra });
  const minutes = (n: number) => {
    services.clock.now = new Date(services.clock.now.getTime() + n * 60_000);
  };

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    hub = await createEventHub(services.database);
    services.events = hub;
    services.clock.now = new Date('2026-11-26T09:00:00');
    const ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const betaStructure = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const nadia = await makeUser(tx, { email: 'nadia@alpha.test', displayName: 'Nadia' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien' });
      const thomas = await makeUser(tx, { email: 'thomas@beta.test', displayName: 'Thomas' });
      await addMembership(tx, { structureId: alpha.id, userId: nadia.id, role: 'accueil' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      await addMembership(tx, { structureId: betaStructure.id, userId: thomas.id, role: 'mediateur' });
      return { alpha: alpha.id, beta: betaStructure.id, nadia: nadia.id, julien: julien.id, thomas: thomas.id };
    });
    reception = { structureId: ids.alpha, userId: ids.nadia, role: 'accueil' };
    mediator = { structureId: ids.alpha, userId: ids.julien, role: 'mediateur' };
    beta = { structureId: ids.beta, userId: ids.thomas, role: 'mediateur' };
  });
  afterAll(async () => {
    await hub.close();
    await services.database.close();
  });

  it("prévient les écrans de la structure, et d'elle seule, après l'enregistrement", async () => {
    const alphaEvents: string[] = [];
    const betaEvents: string[] = [];
    const stopAlpha = hub.subscribe(reception.structureId, QUEUE_TOPIC, () => alphaEvents.push('file'));
    const stopBeta = hub.subscribe(beta.structureId, QUEUE_TOPIC, () => betaEvents.push('file'));
    await call(services, reception, registerArrival, arrival('Fatou', { organisation: 'caf', reason: 'Courrier CAF' }));
    await expect.poll(() => alphaEvents.length).toBe(1);
    expect(betaEvents).toEqual([]);
    stopAlpha();
    stopBeta();
  });

  it("sert les urgences d'abord, puis dans l'ordre d'arrivée, et mesure l'attente", async () => {
    minutes(5);
    await call(services, reception, registerArrival, arrival('Marcel'));
    minutes(5);
    await call(services, reception, registerArrival, arrival('Ines', { urgent: 'oui' }));
    expect((await call(services, mediator, listQueue)).entries.map((e) => e.displayName)).toEqual(['Ines', 'Fatou', 'Marcel']);
    expect(await call(services, beta, listQueue)).toEqual({ entries: [], taken: [] });
    minutes(10);
    const first = await call(services, mediator, takeFromQueue, null);
    expect(first.ok && first.entry.displayName).toBe('Ines');
    const second = await call(services, mediator, takeFromQueue, null);
    expect(second).toMatchObject({ ok: true, entry: { displayName: 'Fatou', organisation: 'caf', reason: 'Courrier CAF' } });
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(queueEntries)
        .where(eq(queueEntries.id, second.ok ? second.entry.id : '')),
    );
    expect((row!.takenAt!.getTime() - row!.arrivedAt.getTime()) / 60_000).toBe(20);
  });

  it('note un départ sans avoir été reçu, et refuse de prendre deux fois la même personne', async () => {
    const [marcel] = (await call(services, mediator, listQueue)).entries;
    expect(await call(services, reception, markLeft, marcel!.id)).toEqual({ ok: true });
    expect(await call(services, mediator, takeFromQueue, marcel!.id)).toEqual({ ok: false, error: 'deja_pris' });
    expect(await call(services, mediator, takeFromQueue, null)).toEqual({ ok: false, error: 'file_vide' });
    expect(await call(services, beta, markLeft, marcel!.id)).toEqual({ ok: false, error: 'deja_pris' });
  });

  it('ne perd jamais une personne prise sans suite : en cours, remise à sa place, de retour seule après 45 minutes', async () => {
    const names = async () => {
      const queue = await call(services, reception, listQueue);
      return { waiting: queue.entries.map((e) => e.displayName), taken: queue.taken.map((e) => [e.displayName, e.takenByName]) };
    };
    // Ines et Fatou ont été prises par Julien à l'essai précédent, sans sollicitation enregistrée : en cours, chez lui.
    expect(await names()).toEqual({
      waiting: [],
      taken: [
        ['Ines', 'Julien'],
        ['Fatou', 'Julien'],
      ],
    });
    expect((await call(services, mediator, listQueue)).taken.map((e) => e.mine)).toEqual([true, true]);
    const [ines, fatou] = (await call(services, reception, listQueue)).taken;
    // Remise dans la file : elle retrouve sa place (urgence, heure d'arrivée) ; une autre structure n'y touche pas.
    expect(await call(services, beta, releaseToQueue, ines!.id)).toEqual({ ok: false, error: 'deja_pris' });
    expect(await call(services, reception, releaseToQueue, ines!.id)).toEqual({ ok: true });
    expect(await names()).toEqual({ waiting: ['Ines'], taken: [['Fatou', 'Julien']] });
    expect((await call(services, reception, listQueue)).entries[0]!.arrivedAt).toEqual(ines!.arrivedAt);
    // Fatou, oubliée : 45 minutes après sa prise en charge, elle est de nouveau en attente, devant personne d'autre.
    minutes(44);
    expect((await names()).taken).toEqual([['Fatou', 'Julien']]);
    minutes(1);
    expect(await names()).toEqual({ waiting: ['Ines', 'Fatou'], taken: [] });
    // Reprise puis partie sans être reçue : la file la termine, elle ne compte pas comme reçue.
    const again = await call(services, mediator, takeFromQueue, fatou!.id);
    expect(again.ok).toBe(true);
    expect(await call(services, reception, markLeft, fatou!.id)).toEqual({ ok: true });
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(queueEntries).where(eq(queueEntries.id, fatou!.id)),
    );
    expect(row).toMatchObject({ takenAt: null, leftAt: services.now() });
    expect(await names()).toEqual({ waiting: ['Ines'], taken: [] });
    await call(services, reception, markLeft, ines!.id);
  });

  it('relie la sollicitation à son arrivée', async () => {
    const entry = await call(services, reception, registerArrival, arrival('Zoé'));
    const taken = await call(services, mediator, takeFromQueue, entry.ok ? entry.id : null);
    const input = solicitationSchema(services.now()).parse({
      occurredAt: '2026-11-26T09:15',
      organisation: 'ants',
      channel: 'sur_place',
      level: 'inclusion',
      mode: 'forme',
      durationMinutes: '30',
      outcome: 'fait',
    });
    const result = await call(
      services,
      mediator,
      logSolicitation,
      { kind: 'nouvelle', person: { firstName: 'Zoé', lastName: null, birthYear: null, phone: null, consent: 'oui' } },
      input,
      taken.ok ? taken.entry.id : null,
    );
    expect(result.ok).toBe(true);
    // Sa sollicitation enregistrée, l'arrivée est terminée : ni en attente, ni en cours, même bien plus tard.
    minutes(60);
    expect(await call(services, reception, listQueue)).toEqual({ entries: [], taken: [] });
  });

  it("refuse une arrivée pour la personne d'une autre structure", async () => {
    const other = await call(services, beta, registerArrival, arrival('X', { personId: '00000000-0000-4000-8000-000000000000' }));
    expect(other).toEqual({ ok: false, error: 'personne_introuvable' });
  });
});
