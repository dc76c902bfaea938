// Les ateliers dans l'espace de la personne, sous le rôle relais_resident : elle voit les prochaines séances et ses
// seules inscriptions, s'inscrit (ou attend), se désinscrit et garde une place proposée ; le message et la place
// libérée partent par le worker ; elle n'écrit rien pour une autre ; son attestation se relit.
import { eq, like, sql } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call, callAsResident, residentIdentity } from '../../../test/request';
import { operatorTransaction } from '../../db/transaction.server';
import { runDueJobs } from '../../platform/jobs/jobs.server';
import type { Actor } from '../../platform/policies';
import { auditEvents, outbox } from '../../platform/schema';
import { localDateTime } from '../../platform/time';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { residentDataExport } from '../portal/my-data.server';
import { residentHistory } from '../portal/resident-pages.server';
import { attendanceCertificatePdf, attendanceOf } from './attestation-pdf.server';
import { addWorkshop } from './catalogue.server';
import { changeSelf, myRegistrations, registerSelf, upcomingForPerson, workshopFollowUpJob, type PersonScope } from './my-workshops.server';
import { markAttendance, registerPerson } from './registrations.server';
import { workshopRegistrations } from './schema';
import { addSessions, registrationsOf } from './sessions.server';

const at = (value: string) => localDateTime(value);

describe('ateliers dans l’espace de la personne', () => {
  let services: TestServices;
  let julien: Actor;
  let people: { awa: string; bruno: string; chloe: string };
  let session: string;

  const as = <R>(personId: string, work: (scope: PersonScope) => Promise<R>) =>
    callAsResident(services, residentIdentity(julien.structureId, personId), ({ tx, resident, now }) =>
      work({ tx, structureId: resident.structureId, personId: resident.personId, now }),
    );
  const statuses = async () =>
    Object.fromEntries(
      (await call(services, julien, (ctx) => registrationsOf(ctx.tx, ctx.actor.structureId, session))).map((r) => [r.firstName, r.status]),
    );
  const runFollowUps = () => runDueJobs(services, julien.structureId, [workshopFollowUpJob]);

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = at('2026-12-07T08:00');
    julien = (await makeAgents(services.database, { 'julien@alpha': 'mediateur' }))['julien@alpha'];
    const { site, ...rest } = await operatorTransaction(services.database, async (tx) => ({
      site: (await makePlace(tx, julien.structureId, 'Salle numérique', { receptionSite: true })).id,
      awa: (await makePerson(tx, julien.structureId, { firstName: 'Awa', lastName: 'Diop', phone: '06 11 11 11 11' })).id,
      bruno: (await makePerson(tx, julien.structureId, { firstName: 'Bruno', lastName: 'Petit', phone: '06 22 22 22 22' })).id,
      chloe: (await makePerson(tx, julien.structureId, { firstName: 'Chloé', lastName: 'Martin', phone: '06 33 33 33 33' })).id,
    }));
    people = rest;
    const workshop = (await call(services, julien, addWorkshop, {
      title: 'Bien utiliser son smartphone',
      theme: 'prendre_en_main_du_materiel',
      skills: ['appareil'],
      level: 'debutant',
      description: 'Vous apprenez à utiliser votre téléphone.',
      durationMinutes: 120,
      toBring: 'Votre téléphone',
      prerequisites: null,
      cycleLength: 1,
    })) as string;
    [session] = (await call(services, julien, addSessions, workshop, {
      day: '2026-12-10',
      startTime: '14:00',
      placeId: site,
      capacity: 1,
      facilitatorId: julien.userId,
      facilitatorName: null,
      peerHelperIds: [],
      repeat: 1,
    }))! as [string];
  });
  afterAll(() => services.database.close());

  it('s’inscrit, attend une place quand c’est complet, ne voit que ses inscriptions ; le message part par le worker', async () => {
    const seen = await as(people.awa, upcomingForPerson);
    expect(seen.map((s) => [s.title, s.capacity - s.seatsTaken, s.mine])).toEqual([['Bien utiliser son smartphone', 1, null]]);
    expect(await as(people.awa, (scope) => registerSelf(scope, session, false))).toEqual({ ok: true, status: 'inscrit' });
    expect(await as(people.awa, (scope) => registerSelf(scope, session, false))).toEqual({ ok: false, reason: 'deja' });
    expect(await as(people.bruno, (scope) => registerSelf(scope, session, false))).toEqual({ ok: false, reason: 'complete' });
    expect(await as(people.bruno, (scope) => registerSelf(scope, session, true))).toEqual({ ok: true, status: 'attente' });
    expect(await as(people.chloe, (scope) => registerSelf(scope, session, true))).toEqual({ ok: true, status: 'attente' });
    // Chacune ne lit que sa ligne ; le journal de la structure dit « par la personne ».
    expect((await as(people.bruno, myRegistrations)).map((r) => r.status)).toEqual(['attente']);
    expect(await as(people.bruno, ({ tx }) => tx.select().from(workshopRegistrations))).toHaveLength(1);
    const journal = await operatorTransaction(services.database, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'inscription.ajoutee')),
    );
    expect(journal.map((e) => (e.details as { par: string }).par)).toEqual(['personne', 'personne', 'personne']);
    expect(await runFollowUps()).toMatchObject({ done: 3 });
    const messages = await operatorTransaction(services.database, (tx) =>
      tx.select().from(outbox).where(like(outbox.purpose, 'atelier.%')),
    );
    expect(messages.map((m) => m.purpose).sort()).toEqual(['atelier.attente', 'atelier.attente', 'atelier.inscription']);
  });

  it('n’écrit rien pour une autre personne, ni « par un agent », ni « présente »', async () => {
    const attempt = (values: Partial<typeof workshopRegistrations.$inferInsert>) =>
      as(people.awa, ({ tx }) =>
        tx.transaction((sp) =>
          sp.insert(workshopRegistrations).values({
            structureId: julien.structureId,
            sessionId: session,
            personId: people.awa,
            status: 'attente',
            via: 'habitant',
            ...values,
          }),
        ),
      ).then(
        () => 'écrit',
        () => 'refusé',
      );
    expect(await attempt({ personId: people.chloe })).toBe('refusé');
    expect(await attempt({ via: 'agent', registeredBy: julien.userId })).toBe('refusé');
    expect(await attempt({ status: 'present' })).toBe('refusé');
    // Ni changer l'inscription d'une autre (invisible), ni se dire présente.
    const chloe = (await as(people.chloe, myRegistrations))[0]!;
    expect(await as(people.awa, (scope) => changeSelf(scope, chloe.id, 'desinscrire'))).toBe(false);
    const forced = await as(people.awa, ({ tx }) =>
      tx
        .transaction((sp) => sp.execute(sql`update workshop_registrations set status = 'present'`))
        .then(
          () => 'écrit',
          () => 'refusé',
        ),
    );
    expect(forced).toBe('refusé');
  });

  it('une place rendue est proposée au suivant par le worker ; il la garde ; l’attestation dit la séance', async () => {
    const awa = (await as(people.awa, myRegistrations))[0]!;
    expect(await as(people.awa, (scope) => changeSelf(scope, awa.id, 'desinscrire'))).toBe(true);
    expect(await statuses()).toMatchObject({ Awa: 'desinscrit', Bruno: 'attente' });
    await runFollowUps();
    expect(await statuses()).toMatchObject({ Bruno: 'proposee', Chloé: 'attente' });
    const bruno = (await as(people.bruno, myRegistrations))[0]!;
    expect(await as(people.bruno, (scope) => changeSelf(scope, bruno.id, 'garder'))).toBe(true);
    expect(await statuses()).toMatchObject({ Bruno: 'inscrit' });
    expect(
      await call(services, julien, registerPerson, { sessionId: session, personId: people.awa, planStepId: null, waitingList: false }),
    ).toMatchObject({
      ok: false,
      reason: 'complete',
    });

    services.clock.now = at('2026-12-10T16:00');
    const rows = await call(services, julien, (ctx) => registrationsOf(ctx.tx, ctx.actor.structureId, session));
    await call(services, julien, markAttendance, session, { [rows.find((r) => r.firstName === 'Bruno')!.id]: 'present' });
    const attendance = await as(people.bruno, ({ tx, structureId, personId }) => attendanceOf(tx, structureId, personId));
    const pdf = await attendanceCertificatePdf(attendance!, services.now());
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++)
      text += (await (await document.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + ' ';
    text = text.replace(/\s+/g, ' ');
    expect(text).toContain('Attestation de participation');
    expect(text).toContain('Bruno Petit est venu(e) à ces ateliers');
    expect(text).toContain('« Bien utiliser son smartphone »');
    expect(text).toContain('jeudi 10 décembre 2026, pendant 2 heures, à Salle numérique');
    expect(text).toContain('En tout : 1 séance, 2 heures.');
    // « Mes données » le dit aussi, avec l'inscription d'Awa qu'elle a quittée.
    const exported = await callAsResident(services, residentIdentity(julien.structureId, people.bruno), residentDataExport);
    expect(exported.ateliers).toEqual([
      { le: '2026-12-10T13:00:00.000Z', atelier: 'Bien utiliser son smartphone', lieu: 'Salle numérique', etat: 'present' },
    ]);
    expect((await callAsResident(services, residentIdentity(julien.structureId, people.awa), residentDataExport)).ateliers).toMatchObject([
      { etat: 'desinscrit' },
    ]);
    // « Ce que nous avons fait ensemble » aussi.
    const history = await callAsResident(services, residentIdentity(julien.structureId, people.bruno), (scope) => residentHistory(scope));
    expect(history).toEqual([expect.objectContaining({ kind: 'atelier', title: 'Bien utiliser son smartphone' })]);
    // Awa n'y est pas venue : rien à attester.
    expect((await as(people.awa, ({ tx, structureId, personId }) => attendanceOf(tx, structureId, personId)))!.sessions).toEqual([]);
    services.clock.now = at('2026-12-07T08:00');
  });
});
