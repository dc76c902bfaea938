// Connexion d'un habitant par code (issue 20) contre une vraie base : même réponse pour un contact inconnu, code
// envoyé par l'outbox et jamais gardé en clair, 5 essais, 10 minutes, usage unique, rythme limité, sessions à part
// qui expirent (30 minutes, 5 sur un ordinateur partagé) et qui tombent à la fermeture de l'espace.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { sqlRows } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';
import { outbox } from '../../platform/schema';
import type { Actor } from '../../platform/policies';
import { runScoped } from '../../platform/request.server';
import { makePerson } from '../reception/builders.server';
import { residentCodes } from './schema';
import { endResidentSession, readResidentSession } from './sessions.server';
import { checkCode, requestCode } from './sign-in.server';
import { closeSpace, openSpace } from './spaces.server';

describe('connexion des habitants par code', () => {
  let services: TestServices;
  let alphaMediator: Actor;
  let betaMediator: Actor;
  let ids: { alpha: string; beta: string; awa: string; awaInBeta: string; carla: string };
  const AWA_PHONE = '06 12 34 56 78';
  let ip = 0;
  /** Chaque test vient d'une adresse IP à lui : la limite par adresse ne déborde pas d'un test à l'autre. */
  const nextIp = () => `192.0.2.${++ip}`;

  const ask = (contact: string, from = nextIp()) => runScoped(services, (scope) => requestCode(scope, contact, from, 'fr'));
  const enter = (contact: string, code: string, sharedComputer = false) =>
    runScoped(services, (scope) => checkCode(scope, { contact, code, sharedComputer }));
  const session = (token: string) => runScoped(services, (scope) => readResidentSession(scope, token));
  /** Les codes partis par l'outbox vers ce destinataire, du plus récent au plus ancien. */
  const codesSentTo = async (recipient: string) => {
    const rows = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(outbox)
        .where(eq(outbox.recipient, recipient))
        .orderBy(sql`${outbox.createdAt} desc, ${outbox.id}`),
    );
    return rows.map((row) => ({ structureId: row.structureId, code: /\b(\d{6})\b/.exec(row.body)?.[1] ?? '', body: row.body }));
  };
  const wipeCodes = () =>
    operatorTransaction(services.database, async (tx) => {
      await tx.execute(sql`delete from resident_sessions`);
      await tx.execute(sql`delete from resident_codes`);
      await tx.execute(sql`delete from resident_code_requests`);
      await tx.delete(outbox).where(eq(outbox.purpose, 'portail.code'));
    });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T10:00:00Z');
    ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien' });
      const thomas = await makeUser(tx, { email: 'thomas@beta.test', displayName: 'Thomas' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      await addMembership(tx, { structureId: beta.id, userId: thomas.id, role: 'mediateur' });
      alphaMediator = { userId: julien.id, structureId: alpha.id, role: 'mediateur' };
      betaMediator = { userId: thomas.id, structureId: beta.id, role: 'mediateur' };
      const awa = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop', phone: AWA_PHONE });
      // La même personne, suivie aussi à Beta, avec son numéro écrit autrement.
      const awaInBeta = await makePerson(tx, beta.id, { firstName: 'Awa', lastName: 'Diop', phone: '+33 6.12.34.56.78' });
      const carla = await makePerson(tx, alpha.id, { firstName: 'Carla', lastName: 'Mendes', email: 'Carla@Exemple.fr' });
      // Même numéro qu'Awa, mais sans espace : ne reçoit rien.
      await makePerson(tx, alpha.id, { firstName: 'Dina', phone: AWA_PHONE });
      return { alpha: alpha.id, beta: beta.id, awa: awa.id, awaInBeta: awaInBeta.id, carla: carla.id };
    });
    expect(await call(services, alphaMediator, openSpace, ids.awa, { consent: 'oui', channel: 'sms' })).toMatchObject({ ok: true });
    expect(await call(services, alphaMediator, openSpace, ids.carla, { consent: 'oui', channel: 'email' })).toMatchObject({ ok: true });
  });
  afterAll(() => services.database.close());
  beforeEach(async () => {
    await wipeCodes();
    services.clock.now = new Date('2026-12-01T10:00:00Z');
  });

  it('répond de même à un contact inconnu, sans rien envoyer ; refuse ce qui n’est ni un portable ni une adresse', async () => {
    expect(await ask('06 99 99 99 99')).toBe('envoye');
    expect(await ask('inconnu@exemple.fr')).toBe('envoye');
    expect(await codesSentTo('0699999999')).toEqual([]);
    expect(await ask('01 23 45 67 89')).toBe('contact_invalide');
    expect(await ask('bonjour')).toBe('contact_invalide');
  });

  it("envoie le code par l'outbox, ne le garde qu'en empreinte, et il ouvre une session une seule fois", async () => {
    expect(await ask(AWA_PHONE)).toBe('envoye');
    const [sent] = await codesSentTo('0612345678');
    expect(sent?.structureId).toBe(ids.alpha);
    expect(sent?.body).toContain("CCAS d'Alpha");
    const stored = await operatorTransaction(services.database, (tx) => tx.select().from(residentCodes));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(sent!.code);
    expect(JSON.stringify(stored)).not.toContain('0612345678');

    const signedIn = await enter('+33 6 12 34 56 78', sent!.code);
    expect(signedIn).toMatchObject({ ok: true, sharedComputer: false });
    if (!signedIn.ok) throw new Error('connexion attendue');
    expect(await session(signedIn.token)).toMatchObject({ structureId: ids.alpha, personId: ids.awa, sharedComputer: false });
    // Rejoué : le code a servi.
    expect(await enter(AWA_PHONE, sent!.code)).toEqual({ ok: false, error: 'code_invalide' });
  });

  it('un e-mail se compare sans majuscules ni espaces', async () => {
    expect(await ask('  carla@exemple.FR ')).toBe('envoye');
    const [sent] = await codesSentTo('carla@exemple.fr');
    expect(await enter('CARLA@exemple.fr', sent!.code)).toMatchObject({ ok: true });
  });

  it('5 essais au plus : au 5e code faux, même le bon ne marche plus', async () => {
    await ask(AWA_PHONE);
    const [sent] = await codesSentTo('0612345678');
    const wrong = sent!.code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt++) expect(await enter(AWA_PHONE, wrong)).toEqual({ ok: false, error: 'code_invalide' });
    expect(await enter(AWA_PHONE, wrong)).toEqual({ ok: false, error: 'code_bloque' });
    expect(await enter(AWA_PHONE, sent!.code)).toEqual({ ok: false, error: 'code_invalide' });
  });

  it('un code vaut 10 minutes, et un nouveau code remplace le précédent', async () => {
    await ask(AWA_PHONE);
    const [first] = await codesSentTo('0612345678');
    services.clock.now = new Date('2026-12-01T10:10:01Z');
    expect(await enter(AWA_PHONE, first!.code)).toEqual({ ok: false, error: 'code_invalide' });
    await ask(AWA_PHONE);
    services.clock.now = new Date('2026-12-01T10:11:00Z');
    await ask(AWA_PHONE);
    const [latest, previous] = await codesSentTo('0612345678');
    if (previous!.code !== latest!.code) expect(await enter(AWA_PHONE, previous!.code)).toMatchObject({ ok: false });
    expect(await enter(AWA_PHONE, latest!.code)).toMatchObject({ ok: true });
  });

  it('limite les demandes : 5 par contact et 20 par adresse IP dans l’heure', async () => {
    for (let i = 0; i < 5; i++) expect(await ask(AWA_PHONE)).toBe('envoye');
    expect(await ask(AWA_PHONE)).toBe('trop_de_demandes');
    expect(await codesSentTo('0612345678')).toHaveLength(5);
    services.clock.now = new Date('2026-12-01T11:00:01Z');
    expect(await ask(AWA_PHONE)).toBe('envoye');

    const from = '198.51.100.7';
    for (let i = 0; i < 20; i++) expect(await ask(`06 00 00 00 ${String(i).padStart(2, '0')}`, from)).toBe('envoye');
    expect(await ask('06 00 00 00 99', from)).toBe('trop_de_demandes');
  });

  it('une personne suivie par deux structures reçoit un code de chacune et entre dans celle du code tapé', async () => {
    expect(await call(services, betaMediator, openSpace, ids.awaInBeta, { consent: 'oui', channel: 'sms' })).toMatchObject({ ok: true });
    await ask(AWA_PHONE);
    const sent = await codesSentTo('0612345678');
    expect(sent.map((s) => s.structureId).sort()).toEqual([ids.alpha, ids.beta].sort());
    const fromBeta = sent.find((s) => s.structureId === ids.beta)!;
    const result = await enter(AWA_PHONE, fromBeta.code);
    if (!result.ok) throw new Error('connexion attendue');
    expect(await session(result.token)).toMatchObject({ structureId: ids.beta, personId: ids.awaInBeta });
    expect(await call(services, betaMediator, closeSpace, ids.awaInBeta)).toBe(true);
  });

  it('une session expire après 30 minutes sans rien faire, 5 sur un ordinateur partagé', async () => {
    const signIn = async (sharedComputer: boolean) => {
      await wipeCodes();
      await ask(AWA_PHONE);
      const [sent] = await codesSentTo('0612345678');
      const result = await enter(AWA_PHONE, sent!.code, sharedComputer);
      if (!result.ok) throw new Error('connexion attendue');
      return result.token;
    };
    const start = new Date('2026-12-01T10:00:00Z').getTime();
    const at = (minutes: number) => (services.clock.now = new Date(start + minutes * 60_000));
    const home = await signIn(false);
    at(25);
    expect(await session(home)).not.toBeNull(); // l'activité repousse l'échéance
    at(54);
    expect(await session(home)).not.toBeNull();
    at(85);
    expect(await session(home)).toBeNull();

    at(0);
    const shared = await signIn(true);
    at(4);
    expect(await session(shared)).toMatchObject({ sharedComputer: true });
    at(9.5);
    expect(await session(shared)).toBeNull();
  });

  it("« Se déconnecter » et la fermeture de l'espace mettent fin aux sessions et aux codes", async () => {
    await ask(AWA_PHONE);
    const [sent] = await codesSentTo('0612345678');
    const result = await enter(AWA_PHONE, sent!.code);
    if (!result.ok) throw new Error('connexion attendue');
    await runScoped(services, (scope) => endResidentSession(scope, result.token));
    expect(await session(result.token)).toBeNull();

    await wipeCodes();
    await ask(AWA_PHONE);
    const [again] = await codesSentTo('0612345678');
    const second = await enter(AWA_PHONE, again!.code);
    if (!second.ok) throw new Error('connexion attendue');
    await ask(AWA_PHONE);
    const [pending] = await codesSentTo('0612345678');
    expect(await call(services, alphaMediator, closeSpace, ids.awa)).toBe(true);
    expect(await session(second.token)).toBeNull();
    expect(await enter(AWA_PHONE, pending!.code)).toMatchObject({ ok: false });
    // Fermé : plus aucun code ne part vers cet espace.
    await ask(AWA_PHONE);
    expect(await codesSentTo('0612345678')).toHaveLength(2);
    const remaining = await operatorTransaction(services.database, (tx) =>
      sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from resident_sessions`),
    );
    expect(remaining[0]?.n).toBe(0);
    expect(await call(services, alphaMediator, openSpace, ids.awa, { consent: 'oui', channel: 'sms' })).toMatchObject({ ok: true });
  });

  it('un agent ne lit pas les codes ni les sessions des habitants sans leur empreinte (RLS)', async () => {
    await ask(AWA_PHONE);
    const seen = await call(services, betaMediator, async ({ tx }) => tx.select().from(residentCodes));
    expect(seen).toEqual([]);
    const own = await call(services, alphaMediator, async ({ tx }) =>
      tx
        .select()
        .from(residentCodes)
        .where(and(eq(residentCodes.structureId, ids.alpha))),
    );
    expect(own).toHaveLength(1);
  });
});
