// La carte d'un habitant : imprimée par le médiateur (PDF relu : l'adresse du QR et rien de personnel sur la carte,
// le code secret sur la lettre), puis scannée par la personne qui tape son code. 5 codes faux la bloquent ; une
// nouvelle carte remplace l'ancienne ; perdue, retirée ou l'espace fermé, elle ne marche plus.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { pdfTextOf } from '../../../test/pdf';
import { call, callScoped } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { cardPdf } from './card-pdf.server';
import { cardSheetOf, cardState, checkCard, issueCard, withdrawCard } from './cards.server';
import { residentCards, residentSessions } from './schema';
import { closeSpace, openSpace } from './spaces.server';

describe('carte de l’espace personnel', () => {
  let services: TestServices;
  let mediator: Actor;
  let other: Actor;
  let awa: string;

  const signIn = (token: string, pin: string) => callScoped(services, checkCard, { token, pin, sharedComputer: false });
  const wrongPin = (pin: string) => (pin === '000000' ? '111111' : '000000');

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T10:00:00');
    ({ mediator, other, awa } = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien' });
      const thomas = await makeUser(tx, { email: 'thomas@beta.test', displayName: 'Thomas' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      await addMembership(tx, { structureId: beta.id, userId: thomas.id, role: 'mediateur' });
      await makePlace(tx, alpha.id, 'CCAS — accueil', { receptionSite: true, phone: '02 47 00 00 00' });
      const person = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop' });
      return {
        mediator: { userId: julien.id, structureId: alpha.id, role: 'mediateur' } as Actor,
        other: { userId: thomas.id, structureId: beta.id, role: 'mediateur' } as Actor,
        awa: person.id,
      };
    }));
  });
  afterAll(() => services.database.close());

  it("ne s'imprime que pour un espace ouvert de la structure", async () => {
    expect(await call(services, mediator, issueCard, awa)).toBeNull();
    expect(await call(services, mediator, openSpace, awa, { consent: 'oui', channel: 'carte' })).toMatchObject({ ok: true });
    expect(await call(services, other, issueCard, awa)).toBeNull();
  });

  it("s'imprime : la carte porte l'adresse du QR et rien de personnel, la lettre porte le code secret", async () => {
    const issued = (await call(services, mediator, issueCard, awa))!;
    expect(issued.pin).toMatch(/^\d{6}$/);
    const sheet = await call(services, mediator, (ctx) => cardSheetOf(ctx, issued));
    expect(sheet).toMatchObject({ structureName: "CCAS d'Alpha", structurePhone: '02 47 00 00 00' });
    const text = await pdfTextOf(await cardPdf(sheet));
    const [card, letter] = text.split('Awa, voici votre code secret');
    expect(card).toContain(`/mon-espace/carte/${issued.token}`);
    expect(card).not.toMatch(/Awa|Diop/);
    expect(letter!.replace(/\s/g, '')).toContain(issued.pin);
    expect(letter).toContain('02 47 00 00 00');
    // Seules des empreintes sont en base.
    const [row] = await operatorTransaction(services.database, (tx) => tx.select().from(residentCards));
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(JSON.stringify(row)).not.toContain(issued.pin);
  });

  it('ouvre une session avec le bon code ; 5 codes faux bloquent la carte, même le bon ensuite', async () => {
    const issued = (await call(services, mediator, issueCard, awa))!;
    expect(await callScoped(services, cardState, issued.token)).toBe('valable');
    expect(await signIn(issued.token, '')).toEqual({ ok: false, error: 'pin_vide' });
    const signedIn = await signIn(issued.token, issued.pin.replace(/(\d{3})/, '$1 '));
    expect(signedIn).toMatchObject({ ok: true });
    const sessions = await operatorTransaction(services.database, (tx) => tx.select().from(residentSessions));
    expect(sessions.map((s) => s.personId)).toContain(awa);

    for (const left of [4, 3, 2, 1])
      expect(await signIn(issued.token, wrongPin(issued.pin))).toEqual({ ok: false, error: 'pin_faux', attemptsLeft: left });
    expect(await signIn(issued.token, 'abc')).toEqual({ ok: false, error: 'carte_bloquee' });
    expect(await signIn(issued.token, issued.pin)).toEqual({ ok: false, error: 'carte_bloquee' });
    expect(await callScoped(services, cardState, issued.token)).toBe('carte_bloquee');
  });

  it('une nouvelle carte remplace la précédente ; perdue, elle ne marche plus ; une carte inconnue non plus', async () => {
    const first = (await call(services, mediator, issueCard, awa))!;
    const second = (await call(services, mediator, issueCard, awa))!;
    expect(await signIn(first.token, first.pin)).toEqual({ ok: false, error: 'carte_invalide' });
    expect(await call(services, other, withdrawCard, awa, 'perdue')).toBe(false);
    expect(await call(services, mediator, withdrawCard, awa, 'perdue')).toBe(true);
    expect(await call(services, mediator, withdrawCard, awa, 'perdue')).toBe(false);
    expect(await signIn(second.token, second.pin)).toEqual({ ok: false, error: 'carte_invalide' });
    expect(await signIn('inconnue', '123456')).toEqual({ ok: false, error: 'carte_invalide' });
    const reasons = await operatorTransaction(services.database, (tx) =>
      tx.select({ reason: residentCards.revocationReason }).from(residentCards).where(eq(residentCards.personId, awa)),
    );
    expect(reasons.map((r) => r.reason)).toEqual(expect.arrayContaining(['remplacee', 'perdue']));
  });

  it("fermer l'espace arrête sa carte", async () => {
    const issued = (await call(services, mediator, issueCard, awa))!;
    expect(await call(services, mediator, closeSpace, awa)).toBe(true);
    expect(await signIn(issued.token, issued.pin)).toEqual({ ok: false, error: 'carte_invalide' });
    const [card] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(residentCards).where(eq(residentCards.revocationReason, 'espace_ferme')),
    );
    expect(card).toBeDefined();
  });
});
