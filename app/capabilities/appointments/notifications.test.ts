// Les messages d'un rendez-vous sur une vraie base, à l'horloge des tests : la confirmation part au canal que la
// personne préfère, l'e-mail avec une invitation .ics relue par une bibliothèque d'agenda ; le rappel part une fois,
// 48 heures avant, jamais pour un rendez-vous pris moins de 48 heures avant ; l'annulation par le service prévient ;
// le lien d'annulation vaut jusqu'à 4 heures avant, une seule fois, et un lien abîmé ne mène à rien ; un changement
// d'heure dit « a changé » et met à jour le même événement d'agenda.
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call, callScoped } from '../../../test/request';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { outbox } from '../../platform/schema';
import { localDateTime } from '../../platform/time';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { bookByAgent, cancelByService, moveByAgent, replacementOf } from './appointments.server';
import { appointmentByLink, cancelByLink, cancelUrl, sendDueReminders } from './notifications.server';
import { addRange } from './ranges.server';
import { weekdayMornings } from './builders.server';
import { appointmentMotifs, appointments } from './schema';

const at = (value: string) => localDateTime(value);

describe('messages d’un rendez-vous', () => {
  let services: TestServices;
  let julien: Actor;
  let ids: { site: string; motif: string; awa: string; bruno: string; carla: string };
  const messages = () => operatorTransaction(services.database, (tx) => tx.select().from(outbox).orderBy(outbox.createdAt));
  const book = async (personId: string, start: string) => {
    const result = await call(services, julien, bookByAgent, {
      personId,
      motifId: ids.motif,
      agentId: julien.userId,
      siteId: ids.site,
      start: at(start),
    });
    if (!result.ok) throw new Error(result.error);
    return result.id;
  };
  const tokenOf = (id: string, startsAt: Date) => cancelUrl(services, id, startsAt).split('/rendez-vous/annuler/')[1]!;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = at('2026-12-07T08:00');
    julien = (await makeAgents(services.database, { 'julien@alpha': 'mediateur' }))['julien@alpha'];
    ids = await operatorTransaction(services.database, async (tx) => {
      const site = await makePlace(tx, julien.structureId, 'CCAS — accueil', { receptionSite: true, phone: '01 23 45 67 89' });
      const [motif] = await tx
        .insert(appointmentMotifs)
        .values({
          structureId: julien.structureId,
          name: 'Démarches CAF',
          durationMinutes: 30,
          locationType: 'sur_place',
          bookableBy: 'habitants',
          instructions: 'Apportez votre numéro d’allocataire.',
        })
        .returning();
      const person = (firstName: string, contact: Record<string, string>) =>
        makePerson(tx, julien.structureId, { firstName, lastName: 'Test', ...contact }).then((p) => p.id);
      return {
        site: site.id,
        motif: motif!.id,
        awa: await person('Awa', { email: 'awa@exemple.test', phone: '06 11 22 33 44', preferredContact: 'email' }),
        bruno: await person('Bruno', { phone: '06 55 66 77 88', email: 'bruno@exemple.test' }),
        carla: await person('Carla', {}),
      };
    });
    await call(services, julien, addRange, weekdayMornings(julien.userId, ids.site, [ids.motif]));
  });
  afterAll(() => services.database.close());

  it('confirme par e-mail avec l’invitation d’agenda, ou par SMS court avec le lien ; rien sans contact', async () => {
    const awa = await book(ids.awa, '2026-12-10T09:00');
    await book(ids.bruno, '2026-12-10T09:30');
    await book(ids.carla, '2026-12-10T10:00');
    const sent = await messages();
    expect(sent.map((m) => [m.purpose, m.channel, m.recipient])).toEqual([
      ['rdv.confirmation', 'email', 'awa@exemple.test'],
      ['rdv.confirmation', 'sms', '06 55 66 77 88'],
    ]);
    const [email, sms] = sent;
    expect(email!.body).toContain('jeudi 10 décembre à 09:00');
    expect(email!.body).toContain('Apportez votre numéro d’allocataire.');
    expect(email!.body).toContain(`/rendez-vous/annuler/`);
    expect(sms!.body.length).toBeLessThan(240);
    expect(sms!.body).toMatch(/RDV pris le jeu\. 10 déc\..* Annuler : http/);
    // L'invitation, relue par ical.js : le bon instant, le bon lieu, un identifiant stable.
    const calendar = new ICAL.Component(ICAL.parse(email!.attachment!.content));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-10T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-10T08:30:00.000Z');
    expect(event.location).toContain('CCAS — accueil');
    expect(event.uid).toBe(`${awa}@relais`);
  });

  it('rappelle une fois, 48 heures avant, sauf un rendez-vous pris dans les 48 heures', async () => {
    services.clock.now = at('2026-12-08T10:00');
    const late = await book(ids.bruno, '2026-12-09T11:00');
    expect(await sendDueReminders(services, julien.structureId)).toBe(2); // Awa et Bruno le 10, pas Carla (sans contact)
    expect(await sendDueReminders(services, julien.structureId)).toBe(0);
    const reminders = (await messages()).filter((m) => m.purpose === 'rdv.rappel');
    expect(reminders.map((m) => m.recipient).sort()).toEqual(['06 55 66 77 88', 'awa@exemple.test']);
    expect(reminders.every((m) => m.subjectId !== late)).toBe(true);
    // Le rappel par e-mail porte aussi l'invitation (même identifiant : l'agenda ne la double pas).
    const reminderIcs = new ICAL.Component(ICAL.parse(reminders.find((m) => m.channel === 'email')!.attachment!.content));
    expect(new ICAL.Event(reminderIcs.getFirstSubcomponent('vevent')!).startDate.toJSDate().toISOString()).toBe('2026-12-10T08:00:00.000Z');
  });

  it('prévient d’une annulation par le service, avec la raison', async () => {
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(appointments).where(eq(appointments.personId, ids.awa)),
    );
    expect(await call(services, julien, cancelByService, row!.id, 'Agent en formation')).toBe(true);
    const cancellation = (await messages()).find((m) => m.purpose === 'rdv.annulation')!;
    expect(cancellation.body).toContain('Raison : Agent en formation');
    const calendar = new ICAL.Component(ICAL.parse(cancellation.attachment!.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
  });

  it('change l’heure : l’ancien annulé et le nouveau pris ensemble, « a changé » avec le même événement d’agenda ; un refus ne change rien', async () => {
    const first = await book(ids.awa, '2026-12-14T09:00');
    const move = (id: string, start: string) =>
      call(services, julien, moveByAgent, id, { agentId: julien.userId, siteId: ids.site, start: at(start) });
    await book(ids.bruno, '2026-12-14T10:00');
    const before = (await messages()).length;
    // L'heure voulue est prise : rien ne change, pas de message.
    expect(await move(first, '2026-12-14T10:00')).toEqual({ ok: false, error: 'pris' });
    const [still] = await operatorTransaction(services.database, (tx) => tx.select().from(appointments).where(eq(appointments.id, first)));
    expect(still!.status).toBe('prevu');
    expect((await messages()).length).toBe(before);

    const moved = await move(first, '2026-12-14T11:00');
    if (!moved.ok) throw new Error(moved.error);
    const twice = await move(moved.id, '2026-12-15T09:00');
    if (!twice.ok) throw new Error(twice.error);
    expect(await move(first, '2026-12-15T10:00')).toEqual({ ok: false, error: 'plus_prevu' });
    const rows = await operatorTransaction(services.database, (tx) =>
      tx.select().from(appointments).where(eq(appointments.personId, ids.awa)),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(first)).toMatchObject({ status: 'annule', cancelledBy: 'service', cancelReason: 'Heure changée' });
    expect(byId.get(moved.id)).toMatchObject({ status: 'annule', replacesId: first });
    expect(byId.get(twice.id)).toMatchObject({ status: 'prevu', replacesId: moved.id });
    expect(await call(services, julien, replacementOf, first)).toMatchObject({ id: moved.id });

    const changes = (await messages()).filter((m) => m.purpose === 'rdv.changement');
    expect(changes).toHaveLength(2);
    expect(changes[1]!.subject).toContain('Votre rendez-vous a changé');
    expect(changes[1]!.body).toContain('Votre rendez-vous du lundi 14 décembre à 11:00 a changé. Le voici :');
    expect(changes[1]!.body).toContain('- le mardi 15 décembre à 09:00 ;');
    // Un seul événement dans l'agenda de la personne : l'identifiant du premier rendez-vous, une version de plus à chaque fois.
    const events = changes.map(
      (m) => new ICAL.Event(new ICAL.Component(ICAL.parse(m.attachment!.content)).getFirstSubcomponent('vevent')!),
    );
    expect(events.map((e) => [e.uid, e.sequence, e.startDate.toJSDate().toISOString()])).toEqual([
      [`${first}@relais`, 1, '2026-12-14T10:00:00.000Z'],
      [`${first}@relais`, 2, '2026-12-15T08:00:00.000Z'],
    ]);
    // Pas de confirmation en plus du message de changement.
    expect(
      (await messages()).filter((m) => m.purpose === 'rdv.confirmation' && [moved.id, twice.id].some((id) => m.dedupeKey?.includes(id))),
    ).toEqual([]);
    await call(services, julien, cancelByService, twice.id, 'Agent absent');
    const cancellation = (await messages()).find((m) => m.purpose === 'rdv.annulation' && m.dedupeKey === `rdv.annulation:${twice.id}`)!;
    const cancelled = new ICAL.Event(new ICAL.Component(ICAL.parse(cancellation.attachment!.content)).getFirstSubcomponent('vevent')!);
    expect([cancelled.uid, cancelled.sequence]).toEqual([`${first}@relais`, 3]);
  });

  it('le lien annule jusqu’à 4 heures avant, une fois ; expiré ou abîmé, il le dit', async () => {
    const id = await book(ids.bruno, '2026-12-11T09:00');
    const token = tokenOf(id, at('2026-12-11T09:00'));
    const open = (value: string) => callScoped(services, (scope) => appointmentByLink(scope.tx, scope.services, value, scope.now));
    expect(await open(token)).toMatchObject({ ok: true, status: 'prevu', motifName: 'Démarches CAF' });
    expect(await open(`${token.slice(0, -2)}xx`)).toEqual({ ok: false, reason: 'invalide' });
    expect(await callScoped(services, (scope) => cancelByLink(scope.tx, id, scope.now))).toBe('annule');
    expect(await callScoped(services, (scope) => cancelByLink(scope.tx, id, scope.now))).toBe('deja_annule');
    const [row] = await operatorTransaction(services.database, (tx) => tx.select().from(appointments).where(eq(appointments.id, id)));
    expect(row).toMatchObject({ status: 'annule', cancelledBy: 'personne' });

    const soon = await book(ids.bruno, '2026-12-11T11:00');
    services.clock.now = at('2026-12-11T07:30');
    expect(await open(tokenOf(soon, at('2026-12-11T11:00')))).toEqual({ ok: false, reason: 'expire', sitePhone: '01 23 45 67 89' });
    expect(await callScoped(services, (scope) => cancelByLink(scope.tx, soon, scope.now))).toBe('trop_tard');
  });
});
