// Les ateliers sur une vraie base : catalogue, séances répétées, inscriptions et liste d'attente, place libérée
// proposée puis expirée, capacité jamais sous les places tenues, dernière place disputée, présences et plan, séance
// annulée, rappels ; rien d'une autre structure.
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call } from '../../../test/request';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { outbox } from '../../platform/schema';
import { localDateTime } from '../../platform/time';
import { planSteps } from '../diagnosis/schema';
import { makePlace } from '../directory/builders.server';
import { makePerson, makeSolicitation } from '../reception/builders.server';
import { COOP_COLUMNS, coopCollectiveRow } from '../steering/coop';
import type { SteeringFilters } from '../steering/filters';
import { collectiveRows } from '../steering/workshop-exports.server';
import { readWorkshopFigures } from '../steering/workshop-figures.server';
import { addWorkshop, listWorkshops, setWorkshopArchived, updateWorkshop } from './catalogue.server';
import { expireOffers } from './offers.server';
import { sendWorkshopReminders } from './notifications.server';
import { changeRegistration, markAttendance, registerPerson, workshopsOfPerson } from './registrations.server';
import { sessionSchema, workshopSchema } from './rules';
import { addSessions, cancelSession, changeCapacity, findSession, registrationsOf, sessionChoices } from './sessions.server';

const at = (value: string) => localDateTime(value);

describe('ateliers', () => {
  let services: TestServices;
  let julien: Actor;
  let thomas: Actor;
  let ids: { site: string; people: string[]; stranger: string; step: string };
  let workshop: string;

  const sessionInput = async (overrides: Record<string, unknown> = {}) => {
    const choices = await call(services, julien, (ctx) => sessionChoices(ctx.tx, ctx.actor.structureId));
    return sessionSchema(
      {
        places: new Set(choices.places.map((p) => p.value)),
        agents: new Set(choices.agents.map((a) => a.value)),
        helpers: new Set(choices.helpers.map((h) => h.value)),
      },
      services.now(),
    ).safeParse({
      day: '2026-12-10',
      startTime: '14:00',
      placeId: ids.site,
      capacity: '2',
      facilitatorId: julien.userId,
      repeat: '1',
      ...overrides,
    });
  };
  const newSession = async (overrides: Record<string, unknown> = {}) => {
    const input = await sessionInput(overrides);
    if (!input.success) throw new Error(JSON.stringify(input.error.issues));
    return (await call(services, julien, addSessions, workshop, input.data))!;
  };
  const register = (
    sessionId: string,
    personId: string,
    extra: { planStepId?: string | null; waitingList?: boolean } = {},
    actor = julien,
  ) =>
    call(services, actor, registerPerson, {
      sessionId,
      personId,
      planStepId: extra.planStepId ?? null,
      waitingList: extra.waitingList ?? false,
    });
  const statuses = async (sessionId: string) =>
    Object.fromEntries(
      (await call(services, julien, (ctx) => registrationsOf(ctx.tx, ctx.actor.structureId, sessionId))).map((r) => [
        r.firstName,
        r.status,
      ]),
    );
  const messages = (purpose: string) =>
    operatorTransaction(services.database, (tx) => tx.select().from(outbox).where(like(outbox.purpose, purpose)));

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = at('2026-12-07T08:00');
    const agents = await makeAgents(services.database, { 'julien@alpha': 'mediateur', 'thomas@beta': 'mediateur' });
    julien = agents['julien@alpha'];
    thomas = agents['thomas@beta'];
    ids = await operatorTransaction(services.database, async (tx) => {
      const site = await makePlace(tx, julien.structureId, 'CCAS — salle numérique', { receptionSite: true, phone: '01 02 03 04 05' });
      const people = [];
      for (const [firstName, phone] of [
        ['Awa', '06 11 11 11 11'],
        ['Bruno', '06 22 22 22 22'],
        ['Chloé', '06 33 33 33 33'],
        ['David', '06 44 44 44 44'],
      ] as const)
        people.push((await makePerson(tx, julien.structureId, { firstName, lastName: 'Test', phone })).id);
      const stranger = (await makePerson(tx, thomas.structureId, { firstName: 'Élise', lastName: 'Beta' })).id;
      await makeSolicitation(tx, julien.structureId, julien.userId, { personId: people[0]!, occurredAt: at('2026-11-20T10:00') });
      const [step] = await tx
        .insert(planSteps)
        .values({
          structureId: julien.structureId,
          personId: people[0]!,
          kind: 'atelier_collectif',
          label: 'Atelier e-mail',
          createdBy: julien.userId,
        })
        .returning();
      return { site: site.id, people, stranger, step: step!.id };
    });
  });
  afterAll(() => services.database.close());

  it('ajoute un atelier au catalogue ; refuse un titre déjà pris et une saisie incomplète, en français', async () => {
    const input = workshopSchema.parse({
      title: 'Créer son adresse e-mail',
      theme: 'email',
      skills: ['messagerie', 'saisie'],
      level: 'debutant',
      description: 'Vous créez votre adresse e-mail. Vous apprenez à lire vos messages.',
      durationMinutes: '90',
      toBring: 'Votre téléphone',
      prerequisites: '',
      cycleLength: '1',
    });
    workshop = (await call(services, julien, addWorkshop, input)) as string;
    expect(workshop).toMatch(/[0-9a-f-]{36}/);
    expect(await call(services, julien, addWorkshop, { ...input, title: 'créer son adresse E-MAIL' })).toBe(false);
    const bad = workshopSchema.safeParse({
      title: '',
      theme: 'inconnu',
      level: 'expert',
      description: '',
      durationMinutes: '5',
      cycleLength: '0',
    });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields).toMatchObject({
      title: expect.stringContaining('titre'),
      theme: 'Choisissez la thématique de la liste.',
      level: 'Choisissez le niveau.',
      description: expect.stringContaining('mots simples'),
      durationMinutes: 'Un atelier dure au moins 15 minutes.',
      cycleLength: 'Un atelier a au moins 1 séance.',
    });
    expect((await call(services, thomas, (ctx) => listWorkshops(ctx.tx))).map((w) => w.title)).toEqual([]);

    // Modifié : une description plus simple ; le titre d'un autre atelier refusé ; rien d'une autre structure.
    const other = (await call(services, julien, addWorkshop, { ...input, title: 'Utiliser son smartphone' })) as string;
    const simpler = { ...input, description: 'Vous créez votre adresse e-mail.' };
    expect(await call(services, julien, updateWorkshop, workshop, simpler)).toBe('fait');
    expect(await call(services, julien, updateWorkshop, other, { ...input, title: 'CRÉER son adresse e-mail' })).toBe('doublon');
    expect(await call(services, thomas, updateWorkshop, workshop, { ...input, title: 'Pris par Beta' })).toBe('inconnu');
    const titles = await call(services, julien, (ctx) => listWorkshops(ctx.tx));
    expect(titles.map((w) => [w.title, w.description])).toEqual([
      ['Créer son adresse e-mail', 'Vous créez votre adresse e-mail.'],
      ['Utiliser son smartphone', input.description],
    ]);
    await call(services, julien, setWorkshopArchived, other, true);
  });

  it('programme une séance chaque semaine à la même heure locale ; refuse une heure passée et un lieu d’ailleurs', async () => {
    const created = await newSession({ day: '2026-12-14', repeat: '3' });
    expect(created).toHaveLength(3);
    const starts = await call(services, julien, async (ctx) =>
      Promise.all(created.map(async (id) => (await findSession(ctx.tx, ctx.actor.structureId, id))!.startsAt.toISOString())),
    );
    expect(starts).toEqual(['2026-12-14T13:00:00.000Z', '2026-12-21T13:00:00.000Z', '2026-12-28T13:00:00.000Z']);
    const past = await sessionInput({ day: '2026-12-06' });
    expect(past.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['day', 'Cette heure est passée : choisissez une séance à venir.'],
    ]);
    const elsewhere = await sessionInput({ placeId: ids.stranger, facilitatorId: '' });
    expect(elsewhere.error?.issues.map((i) => i.path.join('.'))).toEqual(['placeId', 'facilitatorId']);
  });

  it('inscrit, refuse un doublon, une séance complète (avec le compte), une personne d’une autre structure ; met en attente sur demande', async () => {
    const [session] = await newSession();
    const [awa, bruno, chloe, david] = ids.people as [string, string, string, string];
    expect(await register(session!, awa, { planStepId: ids.step })).toMatchObject({ ok: true, status: 'inscrit' });
    expect(await register(session!, awa)).toMatchObject({ ok: false, reason: 'deja' });
    expect(await register(session!, bruno)).toMatchObject({ ok: true, status: 'inscrit' });
    expect(await register(session!, chloe)).toEqual({ ok: false, field: 'sessionId', reason: 'complete', taken: 2, capacity: 2 });
    expect(await register(session!, chloe, { waitingList: true })).toMatchObject({ ok: true, status: 'attente' });
    expect(await register(session!, david, { waitingList: true })).toMatchObject({ ok: true, status: 'attente' });
    expect(await register(session!, ids.stranger)).toMatchObject({ ok: false, field: 'personId', reason: 'personne' });
    expect(await register(session!, bruno, { planStepId: ids.step })).toMatchObject({ ok: false, field: 'planStepId' });
    // L'étape d'où vient l'inscription passe « en cours » ; un message part à chacun.
    const [step] = await operatorTransaction(services.database, (tx) => tx.select().from(planSteps).where(eq(planSteps.id, ids.step)));
    expect(step!.status).toBe('en_cours');
    expect((await messages('atelier.inscription')).length).toBe(2);
    expect((await messages('atelier.attente'))[0]!.body).toContain('liste d');

    // Bruno se désinscrit : Chloé (première en attente) se voit proposer la place, David attend encore.
    const registrations = await call(services, julien, (ctx) => registrationsOf(ctx.tx, ctx.actor.structureId, session!));
    const brunoRegistration = registrations.find((r) => r.firstName === 'Bruno')!.id;
    expect(await call(services, julien, changeRegistration, session!, brunoRegistration, 'desinscrire')).toBe('fait');
    expect(await statuses(session!)).toEqual({ Awa: 'inscrit', Bruno: 'desinscrit', Chloé: 'proposee', David: 'attente' });
    const [offer] = await messages('atelier.proposition');
    expect(offer!.body).toContain('01 02 03 04 05');
    // Aucune place de plus : la séance reste complète tant que Chloé n'a pas répondu.
    expect(await register(session!, bruno)).toMatchObject({ ok: false, reason: 'complete' });

    // 48 heures sans réponse : la proposition expire, David a la place.
    services.clock.now = at('2026-12-09T08:30');
    expect(await expireOffers(services, julien.structureId)).toBe(1);
    expect(await statuses(session!)).toMatchObject({ Chloé: 'expiree', David: 'proposee' });
    const david_ = (await call(services, julien, (ctx) => registrationsOf(ctx.tx, ctx.actor.structureId, session!))).find(
      (r) => r.firstName === 'David',
    )!;
    // La dernière proposition se confirme au plus tard au début de la séance (le 10 à 14 h).
    expect(david_.offerExpiresAt!.toISOString()).toBe('2026-12-10T13:00:00.000Z');
    expect(await call(services, julien, changeRegistration, session!, david_.id, 'confirmer')).toBe('fait');
    expect(await statuses(session!)).toMatchObject({ David: 'inscrit' });
    services.clock.now = at('2026-12-07T08:00');
  });

  it('ne baisse jamais la capacité sous les places tenues (le nombre est dit) ; une place ajoutée va à l’attente', async () => {
    const [session] = await newSession({ day: '2026-12-11' });
    const [awa, bruno, chloe] = ids.people as [string, string, string];
    await register(session!, awa);
    await register(session!, bruno);
    await register(session!, chloe, { waitingList: true });
    expect(await call(services, julien, changeCapacity, session!, 1)).toEqual({ ok: false, reason: 'trop_basse', taken: 2 });
    expect(await call(services, julien, changeCapacity, session!, 3)).toEqual({ ok: true });
    expect(await statuses(session!)).toMatchObject({ Chloé: 'proposee' });
    expect(await call(services, thomas, changeCapacity, session!, 5)).toEqual({ ok: false, reason: 'inconnue' });
  });

  it('la dernière place, demandée deux fois au même instant, ne se donne qu’une fois', async () => {
    const [session] = await newSession({ day: '2026-12-15', capacity: '1' });
    const [bruno, chloe] = [ids.people[1]!, ids.people[2]!];
    const results = await Promise.all([register(session!, bruno), register(session!, chloe)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'complete')).toHaveLength(1);
    const row = await call(services, julien, (ctx) => findSession(ctx.tx, ctx.actor.structureId, session!));
    expect(row!.seatsTaken).toBe(1);
  });

  it('note les présences après le début ; une présence fait l’étape du plan ; refuse une séance à venir ou annulée', async () => {
    const [session] = await newSession({ day: '2026-12-16' });
    const [awa, bruno] = [ids.people[0]!, ids.people[1]!];
    await register(session!, awa, { planStepId: ids.step });
    await register(session!, bruno);
    const rows = await call(services, julien, (ctx) => registrationsOf(ctx.tx, ctx.actor.structureId, session!));
    const marks = Object.fromEntries(rows.map((r) => [r.id, r.firstName === 'Awa' ? ('present' as const) : ('absent' as const)]));
    expect(await call(services, julien, markAttendance, session!, marks)).toEqual({ ok: false, reason: 'a_venir' });
    services.clock.now = at('2026-12-16T14:10');
    expect(await call(services, julien, markAttendance, session!, marks)).toEqual({ ok: true, marked: 2 });
    expect(await statuses(session!)).toEqual({ Awa: 'present', Bruno: 'absent' });
    const [step] = await operatorTransaction(services.database, (tx) => tx.select().from(planSteps).where(eq(planSteps.id, ids.step)));
    expect(step!.status).toBe('faite');
    expect(
      (await call(services, julien, (ctx) => workshopsOfPerson(ctx.tx, ctx.actor.structureId, awa))).some((w) => w.status === 'present'),
    ).toBe(true);
    // Le pilotage compte la séance (remplie à 100 %, 1 présence, 1 absent) et la première venue d'Awa, aidée une à une
    // avant ; l'export de la Coop en fait une activité collective à 1 participant.
    const december = { du: '2026-12-16', au: '2026-12-16' } as SteeringFilters;
    const figures = await call(services, julien, (ctx) => readWorkshopFigures(ctx.tx, ctx.actor.structureId, december, ctx.now));
    expect(figures).toMatchObject({ held: 1, capacity: 2, taken: 2, fillRate: 100, participants: 1, absent: 1, noShowRate: 50 });
    expect(figures).toMatchObject({ firstTimers: 1, movedFromIndividual: 1 });
    expect(figures.themes).toEqual([expect.objectContaining({ theme: 'email', held: 1, present: 1 })]);
    const collective = await collectiveRows(services, julien, december);
    expect(collective).toHaveLength(1);
    const cells = coopCollectiveRow(collective[0]!);
    expect(cells).toHaveLength(COOP_COLUMNS.length);
    expect([cells[0], cells[1], cells[3], cells[8], cells[10], cells.at(-3), cells.at(-2), cells.at(-1)]).toEqual([
      '2026-12-16',
      'collectif',
      'CCAS — salle numérique',
      '90',
      'email',
      'Créer son adresse e-mail',
      'debutant',
      '1',
    ]);
    expect(await collectiveRows(services, julien, { ...december, organisme: 'caf' } as SteeringFilters)).toEqual([]);
    services.clock.now = at('2026-12-07T08:00');

    const [cancelled] = await newSession({ day: '2026-12-17' });
    await register(cancelled!, awa);
    await register(cancelled!, bruno);
    await register(cancelled!, ids.people[2]!, { waitingList: true });
    expect(await call(services, julien, cancelSession, cancelled!, 'Animateur malade')).toEqual({ people: 3, messages: 3 });
    expect(await call(services, julien, cancelSession, cancelled!, 'Encore')).toBeNull();
    expect((await messages('atelier.annulation')).map((m) => m.body).join()).toContain('annulé');
    services.clock.now = at('2026-12-17T15:00');
    expect(await call(services, julien, markAttendance, cancelled!, {})).toEqual({ ok: false, reason: 'annulee' });
    expect(await register(cancelled!, ids.people[3]!)).toMatchObject({ ok: false, reason: 'fermee' });
    services.clock.now = at('2026-12-07T08:00');
  });

  it('rappelle une fois 48 heures avant les inscrits de plus de 48 heures', async () => {
    const [session] = await newSession({ day: '2026-12-18' });
    await register(session!, ids.people[3]!);
    services.clock.now = at('2026-12-16T15:00');
    expect(await sendWorkshopReminders(services, julien.structureId)).toBeGreaterThanOrEqual(1);
    expect(await sendWorkshopReminders(services, julien.structureId)).toBe(0);
    const reminders = await messages('atelier.rappel');
    expect(reminders.some((m) => m.body.includes('rappel'))).toBe(true);
    services.clock.now = at('2026-12-07T08:00');
  });

  it('rien d’une autre structure : ni séance, ni inscription', async () => {
    const [session] = await newSession({ day: '2026-12-22' });
    expect(await call(services, thomas, (ctx) => findSession(ctx.tx, julien.structureId, session!))).toBeNull();
    expect(await register(session!, ids.stranger, {}, thomas)).toMatchObject({ ok: false, reason: 'inconnue' });
    const seen = await call(services, thomas, (ctx) => registrationsOf(ctx.tx, julien.structureId, session!));
    expect(seen).toEqual([]);
  });
});
