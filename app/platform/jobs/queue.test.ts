// Les files sur une vraie base : un message écrit une fois par clé, envoyé par le worker, repris avec un délai
// croissant puis déclaré en échec, relancé par le responsable ; un travail périodique une fois par créneau ; un
// bail qui protège un travail réclamé jusqu'à son expiration ; chaque structure ne voit que ses files.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { jobs, outbox, sessions, signInThrottles, users } from '../schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../policies';
import { enqueueJob, runDueJobs, type JobDefinition } from './jobs.server';
import { deliverDueMessages, enqueueMessage, purgeMessages } from './outbox.server';
import { queuesOverview, retryFailedItem } from './overview.server';
import { LEASE_MS, MAX_ATTEMPTS } from './rules';
import { runWorkerTurn } from './worker.server';
import { call } from '../../../test/request';

const MINUTE = 60_000;

describe('files de travaux et d’envois', () => {
  let services: TestServices;
  let manager: Actor;
  let stranger: Actor;
  const later = (ms: number) => {
    services.clock.now = new Date(services.clock.now.getTime() + ms);
  };
  const message = (key: string) => ({
    channel: 'email' as const,
    recipient: 'lieu@exemple.test',
    subject: 'Objet',
    body: 'Texte',
    purpose: 'essai',
    dedupeKey: key,
  });
  const rowOf = async (id: string) =>
    (
      await transaction(services.database, manager, (tx) =>
        tx
          .select()
          .from(outbox)
          .where(and(eq(outbox.structureId, manager.structureId), eq(outbox.dedupeKey, id))),
      )
    )[0]!;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    const agents = await makeAgents(services.database, { 'claire@alpha': 'responsable', 'thomas@beta': 'responsable' });
    manager = agents['claire@alpha'];
    stranger = agents['thomas@beta'];
  });
  afterAll(() => services.database.close());

  it('écrit un message une seule fois par clé, et l’envoie au tour suivant', async () => {
    const first = await transaction(services.database, manager, (tx) =>
      enqueueMessage(tx, manager.structureId, message('unique'), services.now()),
    );
    const again = await transaction(services.database, manager, (tx) =>
      enqueueMessage(tx, manager.structureId, message('unique'), services.now()),
    );
    expect([first, again]).toEqual([true, false]);
    expect(await deliverDueMessages(services, manager.structureId)).toEqual({ claimed: 1, sent: 1 });
    expect(services.sent).toEqual([{ to: 'lieu@exemple.test', subject: 'Objet', text: 'Texte' }]);
    expect(await rowOf('unique')).toMatchObject({ status: 'envoye', attempts: 1, sentAt: services.now() });
    expect(await deliverDueMessages(services, manager.structureId)).toEqual({ claimed: 0, sent: 0 });
  });

  it('reprend un envoi qui échoue de plus en plus tard, puis le déclare en échec ; le responsable le relance', async () => {
    const working = services.mail;
    services.mail = async () => {
      throw new Error('SMTP injoignable\n  at connect');
    };
    await transaction(services.database, manager, (tx) => enqueueMessage(tx, manager.structureId, message('fragile'), services.now()));
    await deliverDueMessages(services, manager.structureId);
    expect(await rowOf('fragile')).toMatchObject({
      status: 'en_attente',
      attempts: 1,
      lastError: 'SMTP injoignable',
      runAt: new Date(services.now().getTime() + MINUTE),
    });
    // Pas avant l'heure prévue.
    expect((await deliverDueMessages(services, manager.structureId)).claimed).toBe(0);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      later(6 * 60 * MINUTE);
      await deliverDueMessages(services, manager.structureId);
    }
    const failed = await rowOf('fragile');
    expect(failed).toMatchObject({ status: 'echec', attempts: MAX_ATTEMPTS });
    const overview = await call(services, manager, queuesOverview);
    expect(overview.counts).toContainEqual({ queue: 'outbox', status: 'echec', count: 1 });
    // Une autre structure ne le voit pas et ne le relance pas.
    expect((await call(services, stranger, queuesOverview)).messages).toEqual([]);
    expect(await call(services, stranger, retryFailedItem, 'outbox', failed.id)).toBe(false);
    services.mail = working;
    expect(await call(services, manager, retryFailedItem, 'outbox', failed.id)).toBe(true);
    expect(await call(services, manager, retryFailedItem, 'outbox', failed.id)).toBe(false);
    expect(await deliverDueMessages(services, manager.structureId)).toEqual({ claimed: 1, sent: 1 });
    expect(await rowOf('fragile')).toMatchObject({ status: 'envoye', attempts: 1, lastError: null });
  });

  it('envoie les SMS par le prestataire', async () => {
    await transaction(services.database, manager, (tx) =>
      enqueueMessage(
        tx,
        manager.structureId,
        { ...message('sms'), channel: 'sms', recipient: '06 11 22 33 44', subject: null },
        services.now(),
      ),
    );
    await deliverDueMessages(services, manager.structureId);
    expect(services.texts).toContainEqual({ to: '06 11 22 33 44', text: 'Texte' });
  });

  it('ne réclame pas un travail tenu par un autre worker avant la fin de son bail', async () => {
    let runs = 0;
    const slow: JobDefinition = { kind: 'essai.bail', label: 'Essai', run: async () => void runs++ };
    await transaction(services.database, manager, (tx) =>
      enqueueJob(tx, manager.structureId, { kind: slow.kind, dedupeKey: 'bail', runAt: services.now() }),
    );
    // Un autre worker l'a réclamé puis s'est arrêté sans finir : il reste « en cours » le temps du bail.
    await transaction(services.database, manager, (tx) =>
      tx
        .update(jobs)
        .set({ status: 'en_cours', attempts: 1, lockedUntil: new Date(services.now().getTime() + LEASE_MS) })
        .where(eq(jobs.dedupeKey, 'bail')),
    );
    expect(await runDueJobs(services, manager.structureId, [slow])).toEqual({ claimed: 0, done: 0 });
    later(LEASE_MS);
    expect(await runDueJobs(services, manager.structureId, [slow])).toEqual({ claimed: 1, done: 1 });
    expect(runs).toBe(1);
    const [row] = await transaction(services.database, manager, (tx) => tx.select().from(jobs).where(eq(jobs.dedupeKey, 'bail')));
    expect(row).toMatchObject({ status: 'fait', attempts: 2 });
  });

  it('à l’arrêt, finit le travail en cours et rend tout de suite ceux qu’il avait réclamés', async () => {
    const stopping = new AbortController();
    const ran: string[] = [];
    const stoppingDuring: JobDefinition = {
      kind: 'essai.arret',
      label: 'Essai',
      run: async (_s, _id, job) => {
        ran.push(job.id);
        stopping.abort(); // SIGTERM arrive pendant le premier travail
      },
    };
    await transaction(services.database, manager, async (tx) => {
      for (const key of ['arret-1', 'arret-2', 'arret-3'])
        await enqueueJob(tx, manager.structureId, { kind: stoppingDuring.kind, dedupeKey: key, runAt: services.now() });
    });
    expect(await runDueJobs(services, manager.structureId, [stoppingDuring], 10, stopping.signal)).toEqual({ claimed: 3, done: 1 });
    const rows = await transaction(services.database, manager, (tx) =>
      tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.structureId, manager.structureId), eq(jobs.kind, stoppingDuring.kind))),
    );
    expect(rows.filter((r) => r.status === 'fait').map((r) => r.id)).toEqual(ran);
    // Les deux autres : dus à nouveau, sans bail ni essai compté ; un autre worker les prend aussitôt.
    expect(rows.filter((r) => r.status !== 'fait')).toEqual([
      expect.objectContaining({ status: 'en_attente', attempts: 0, lockedUntil: null }),
      expect.objectContaining({ status: 'en_attente', attempts: 0, lockedUntil: null }),
    ]);
    expect(await runDueJobs(services, manager.structureId, [stoppingDuring])).toEqual({ claimed: 2, done: 2 });
  });

  it('programme une tâche périodique une fois par créneau et par structure, et note son compte rendu ou son erreur', async () => {
    const seen: string[] = [];
    const periodic: JobDefinition = {
      kind: 'essai.periodique',
      label: 'Essai',
      periodMs: 3_600_000,
      run: async (_s, structureId) => (seen.push(structureId), 'fait bien'),
    };
    const broken: JobDefinition = {
      kind: 'essai.casse',
      label: 'Cassé',
      periodMs: 3_600_000,
      run: async () => Promise.reject(new Error('Données illisibles')),
    };
    await runWorkerTurn(services, [periodic, broken]);
    await runWorkerTurn(services, [periodic, broken]);
    expect(seen.sort()).toEqual([manager.structureId, stranger.structureId].sort());
    const rows = await transaction(services.database, manager, (tx) =>
      tx.select().from(jobs).where(eq(jobs.structureId, manager.structureId)),
    );
    expect(rows.find((r) => r.kind === 'essai.periodique')).toMatchObject({ status: 'fait', result: 'fait bien' });
    expect(rows.find((r) => r.kind === 'essai.casse')).toMatchObject({
      status: 'en_attente',
      attempts: 1,
      lastError: 'Données illisibles',
    });
    later(3_600_000);
    await runWorkerTurn(services, [periodic, broken]);
    expect(seen).toHaveLength(4);
  });

  it('efface les messages envoyés depuis plus de 30 jours, pas les autres', async () => {
    await transaction(services.database, manager, (tx) => enqueueMessage(tx, manager.structureId, message('recent'), services.now()));
    later(31 * 86_400_000);
    const purged = await transaction(services.database, manager, (tx) => purgeMessages(tx, manager.structureId, services.now()));
    expect(purged).toBe(3);
    const left = await transaction(services.database, manager, (tx) =>
      tx.select({ key: outbox.dedupeKey }).from(outbox).where(eq(outbox.structureId, manager.structureId)),
    );
    expect(left).toEqual([{ key: 'recent' }]);
  });

  it('efface à chaque tour les sessions échues ou inactives, les compteurs d’échecs anciens et les liens expirés', async () => {
    const now = services.now();
    const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
    await operatorTransaction(services.database, async (tx) => {
      await tx.insert(sessions).values([
        { id: 'echue', userId: manager.userId, createdAt: hours(-13), lastSeenAt: hours(-0.1), expiresAt: hours(-1) },
        { id: 'inactive', userId: manager.userId, createdAt: hours(-3), lastSeenAt: hours(-2), expiresAt: hours(9) },
        { id: 'vivante', userId: manager.userId, createdAt: hours(-1), lastSeenAt: hours(-0.1), expiresAt: hours(11) },
      ]);
      await tx.insert(signInThrottles).values([
        { emailHash: 'ancien', failures: 2, updatedAt: hours(-48) },
        { emailHash: 'verrouille', failures: 0, lockedUntil: hours(1), updatedAt: hours(-48) },
        { emailHash: 'recent', failures: 1, updatedAt: hours(-1) },
      ]);
      await tx
        .update(users)
        .set({ resetTokenHash: 'jeton-expire', resetExpiresAt: hours(-1) })
        .where(eq(users.id, manager.userId));
    });
    const report = await runWorkerTurn(services, []);
    expect(report.purged).toBe(4);
    const left = await operatorTransaction(services.database, async (tx) => ({
      sessions: (await tx.select({ id: sessions.id }).from(sessions)).map((r) => r.id).sort(),
      throttles: (await tx.select({ key: signInThrottles.emailHash }).from(signInThrottles)).map((r) => r.key).sort(),
      token: (await tx.select({ hash: users.resetTokenHash }).from(users).where(eq(users.id, manager.userId)))[0]?.hash,
    }));
    expect(left).toEqual({ sessions: ['vivante'], throttles: ['recent', 'verrouille'], token: null });
  });
});
