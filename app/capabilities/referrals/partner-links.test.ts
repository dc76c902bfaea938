// Lieux sans compte sur Relais, sur une vraie base : le lien signé part à l'adresse du lieu par l'outbox, ne montre
// que le minimum (la base refuse le reste), sert à prendre en compte puis à répondre, et ne change plus rien ensuite ;
// un lien altéré, expiré ou retiré le dit. Le suivi relance le lieu au plus tous les N jours et prévient l'agent à
// l'expiration ; la fiche part à la personne par e-mail ou SMS si elle le demande.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { sqlRows } from '../../db/database.server';
import { places } from '../directory/schema';
import { outbox } from '../../platform/schema';
import { persons } from '../reception/schema';
import { referralLinks } from './schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import { deliverDueMessages } from '../../platform/jobs/outbox.server';
import { searchKey } from '../../platform/text';
import { readNationalRecord } from '../directory/national-format';
import { placeValues } from '../directory/places.server';
import { communesFor } from '../reception/communes.server';
import { followUpReferrals } from './follow-up.server';
import { acknowledgeByLink, readByLink, recordOutcomeByLink, renewLink } from './partner-links.server';
import { createReferral, readReferral, recordOwnOutcome, type Sender } from './referrals.server';
import { linkOutcomeSchema, outcomeSchema, referralSchema } from './rules';
import { call, callScoped } from '../../../test/request';

const DAY = 86_400_000;
const tokenOf = (url: string) => url.split('/lien/orientation/')[1]!;

describe('orientations vers un lieu sans compte', () => {
  let services: TestServices;
  let mediator: Sender;
  let person: string;
  let placeId: string;
  const messages = (referralId: string) =>
    transaction(services.database, mediator, (tx) =>
      tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.structureId, mediator.structureId), eq(outbox.subjectId, referralId)))
        .orderBy(outbox.createdAt),
    );
  const send = async (change: Record<string, string | string[]> = {}) => {
    const sent = await call(
      services,
      mediator,
      createReferral,
      person,
      referralSchema(['Aide aux démarches administratives']).parse({
        placeId,
        reason: 'Titre de séjour à renouveler',
        toBring: 'Passeport',
        channel: 'seule',
        consent: 'oui',
        service: 'Aide aux démarches administratives',
        ...change,
      }),
    );
    if (!sent.ok) throw new Error(sent.error);
    return sent.id;
  };
  const linkOf = async (id: string) => (await call(services, mediator, readReferral, id))!.link!;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    // L'heure réelle : la base juge elle-même de l'expiration d'un lien (now()).
    services.clock.now = new Date();
    const agents = await makeAgents(services.database, { 'julien@alpha': 'mediateur' });
    mediator = { ...agents['julien@alpha'], displayName: 'Julien' };
    ({ person, placeId } = await operatorTransaction(services.database, async (tx) => {
      const [p] = await tx
        .insert(persons)
        .values({
          structureId: mediator.structureId,
          firstName: 'Amina',
          lastName: 'Benali',
          searchName: searchKey('Amina', 'Benali'),
          phone: '06 12 34 56 78',
          email: 'amina@exemple.test',
        })
        .returning();
      const reading = readNationalRecord(
        {
          id: 'papiers',
          nom: 'Papiers pour tous',
          pivot: '00000000000000',
          adresse: '17 rue des Halles',
          commune: 'Tours',
          code_postal: '37000',
          services: 'Aide aux démarches administratives',
          courriels: 'contact@papiers.test',
          telephone: '0247216330',
          horaires: 'We 09:30-12:30',
          date_maj: '2026-11-30',
        },
        { communesFor },
      );
      if (!reading.ok) throw new Error('lieu invalide');
      const [place] = await tx.insert(places).values(placeValues(mediator.structureId, reading.place)).returning();
      return { person: p!.id, placeId: place!.id };
    }));
  });
  afterAll(() => services.database.close());

  it('envoie le lien au lieu ; le lien montre le minimum, sert à prendre en compte puis à répondre, et ne change plus rien ensuite', async () => {
    const id = await send();
    const link = await linkOf(id);
    expect(link).toMatchObject({ sentTo: 'contact@papiers.test', status: 'envoyee', service: 'Aide aux démarches administratives' });
    const [mail] = await messages(id);
    expect(mail).toMatchObject({ channel: 'email', recipient: 'contact@papiers.test', purpose: 'orientation.lien', status: 'en_attente' });
    expect(mail!.body).toContain(link.url!);
    expect(mail!.body).not.toContain('Amina');
    await deliverDueMessages(services, mediator.structureId);
    expect(services.sent.at(-1)).toMatchObject({ to: 'contact@papiers.test', subject: "Une personne vous est orientée par CCAS d'Alpha" });

    const token = tokenOf(link.url!);
    const opened = await callScoped(services, readByLink, token);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.link).toMatchObject({
      personName: 'Amina Benali',
      personContact: '06 12 34 56 78',
      reason: 'Titre de séjour à renouveler',
      toBring: 'Passeport',
      senderAgentName: 'Julien',
    });
    // Ni identifiant de la personne, ni autre donnée de sa fiche (e-mail, année de naissance…).
    expect(Object.keys(opened.link)).not.toContain('personId');
    expect(JSON.stringify(opened.link)).not.toContain('amina@exemple.test');

    expect(await callScoped(services, acknowledgeByLink, token)).toMatchObject({ ok: true, link: { status: 'prise_en_compte' } });
    expect(await callScoped(services, acknowledgeByLink, token)).toMatchObject({ ok: false, reason: 'deja_prise_en_compte' });
    expect((await call(services, mediator, readReferral, id))!.state).toMatchObject({ status: 'prise_en_compte', answeredBy: 'lieu' });
    // Le lieu a pris la main : la structure ne note pas le résultat à sa place.
    expect(await call(services, mediator, recordOwnOutcome, id, outcomeSchema.parse({ outcome: 'venue' }))).toEqual({
      ok: false,
      error: 'deja_prise_en_compte',
    });

    const answer = linkOutcomeSchema.parse({ outcome: 'accompagnee', comment: 'Dossier ANEF déposé', answeredBy: 'Sophie' });
    expect(await callScoped(services, recordOutcomeByLink, token, answer)).toMatchObject({ ok: true });
    // Rejoué (double clic, lien retransféré) : rien ne change.
    expect(
      await callScoped(services, recordOutcomeByLink, token, linkOutcomeSchema.parse({ outcome: 'refusee', refusalReason: 'complet' })),
    ).toMatchObject({ ok: false, reason: 'deja_close' });
    const view = await call(services, mediator, readReferral, id);
    expect(view!.state).toMatchObject({ status: 'close', outcome: 'accompagnee', comment: 'Dossier ANEF déposé', answeredBy: 'lieu' });
    expect(view!.link!.answeredBy).toBe('Sophie');
    expect(await call(services, mediator, renewLink, id)).toEqual({ ok: false, error: 'deja_close' });
  });

  it('ne montre au porteur d’un lien que sa ligne : la base lui refuse la personne, l’orientation et les autres liens', async () => {
    const first = await linkOf(await send());
    const other = await send();
    await transaction(services.database, {}, async (tx) => {
      await tx.execute(sql`select set_config('relais.referral_link', ${tokenOf(first.url!).split('.')[0]!}, true)`);
      expect(await tx.select().from(persons)).toEqual([]);
      expect(await sqlRows(tx, sql`select id from referrals`)).toEqual([]);
      const visible = await tx.select({ id: referralLinks.id }).from(referralLinks);
      expect(visible).toEqual([{ id: tokenOf(first.url!).split('.')[0] }]);
      const forced = await tx.update(referralLinks).set({ comment: 'forcé' }).where(eq(referralLinks.referralId, other)).returning();
      expect(forced).toEqual([]);
    });
  });

  it('refuse un lien altéré, expiré ou retiré, avec la raison', async () => {
    const id = await send();
    const token = tokenOf((await linkOf(id)).url!);
    const [linkId, seconds, signature] = token.split('.') as [string, string, string];
    expect(await callScoped(services, readByLink, `${linkId}.${Number(seconds) + 86_400}.${signature}`)).toEqual({
      ok: false,
      reason: 'invalide',
    });
    expect(await callScoped(services, readByLink, `${linkId}.${seconds}.${signature.slice(1)}x`)).toEqual({
      ok: false,
      reason: 'invalide',
    });
    expect(await callScoped(services, readByLink, 'n-importe-quoi')).toEqual({ ok: false, reason: 'invalide' });

    expect(await call(services, mediator, renewLink, id)).toEqual({ ok: true });
    expect(await callScoped(services, readByLink, token)).toEqual({ ok: false, reason: 'retire' });
    expect(await callScoped(services, acknowledgeByLink, token)).toEqual({ ok: false, reason: 'retire' });
    const renewed = tokenOf((await linkOf(id)).url!);
    expect(renewed).not.toBe(token);
    expect((await callScoped(services, readByLink, renewed)).ok).toBe(true);
    expect((await messages(id)).filter((m) => m.purpose === 'orientation.lien')).toHaveLength(2);

    // La structure note elle-même le résultat : le lien est retiré, il ne change plus rien.
    expect(await call(services, mediator, recordOwnOutcome, id, outcomeSchema.parse({ outcome: 'non_venue' }))).toEqual({ ok: true });
    expect(await callScoped(services, recordOutcomeByLink, renewed, linkOutcomeSchema.parse({ outcome: 'venue' }))).toEqual({
      ok: false,
      reason: 'retire',
    });
    expect((await call(services, mediator, readReferral, id))!.state).toMatchObject({
      status: 'close',
      outcome: 'non_venue',
      answeredBy: 'structure',
    });

    const saved = services.clock.now;
    services.clock.now = new Date(saved.getTime() + 31 * DAY);
    const expired = await callScoped(services, readByLink, renewed);
    expect(expired).toMatchObject({ ok: false, reason: 'expire' });
    services.clock.now = saved;
  });

  it('sans accord, ni lien ni message au lieu', async () => {
    const id = await send({ consent: 'non' });
    expect((await call(services, mediator, readReferral, id))!.link).toBeNull();
    expect(await messages(id)).toEqual([]);
  });

  it('envoie la fiche à la personne par e-mail et par SMS si elle le demande', async () => {
    const id = await send({ sendSlip: ['email', 'sms'], consent: 'non' });
    const sent = await messages(id);
    expect(sent.map((m) => [m.channel, m.recipient, m.purpose])).toEqual([
      ['email', 'amina@exemple.test', 'orientation.fiche'],
      ['sms', '06 12 34 56 78', 'orientation.fiche'],
    ]);
    expect(sent[0]!.body).toContain('Où aller : Papiers pour tous');
    expect(sent[0]!.body).toContain('Ce que vous apportez : Passeport');
    expect(sent[1]!.body).toMatch(
      /^CCAS d'Alpha : allez à Papiers pour tous, 17 rue des Halles, 37000 Tours\. Tél\. 0247216330\. Apportez : Passeport$/,
    );
  });

  it('relance le lieu au plus tous les N jours, puis prévient l’agent de l’expiration, une seule fois', async () => {
    const start = services.clock.now;
    const id = await send();
    const url = (await linkOf(id)).url!;
    const at = async (days: number) => {
      services.clock.now = new Date(start.getTime() + days * DAY);
      return followUpReferrals(services, mediator.structureId);
    };
    const reminders = async () => (await messages(id)).filter((m) => m.purpose === 'orientation.relance');
    await at(6);
    expect(await reminders()).toHaveLength(0);
    await at(7);
    await at(7.5);
    expect(await reminders()).toHaveLength(1);
    expect((await reminders())[0]).toMatchObject({ recipient: 'contact@papiers.test' });
    expect((await reminders())[0]!.body).toContain(url);
    await at(13);
    expect(await reminders()).toHaveLength(1);
    await at(14);
    expect(await reminders()).toHaveLength(2);
    expect(await at(30)).toMatch(/ [1-9]\d* expirations?$/);
    expect(await at(31)).toBe('0 relance, 0 expiration');
    const expiry = (await messages(id)).filter((m) => m.purpose === 'orientation.expiree');
    expect(expiry).toHaveLength(1);
    expect(expiry[0]).toMatchObject({ recipient: 'julien@alpha.test' });
    const view = await call(services, mediator, readReferral, id);
    expect(view).toMatchObject({ followUp: 'expiree', referral: { reminderCount: 2 } });
    expect(view!.referral.expiredAt).toEqual(new Date(start.getTime() + 30 * DAY));
    services.clock.now = start;
  });

  it('ne relance pas ce qui a déjà reçu une réponse', async () => {
    const start = services.clock.now;
    const id = await send();
    expect(await callScoped(services, acknowledgeByLink, tokenOf((await linkOf(id)).url!))).toMatchObject({ ok: true });
    services.clock.now = new Date(start.getTime() + 10 * DAY);
    await followUpReferrals(services, mediator.structureId);
    expect((await messages(id)).filter((m) => m.purpose === 'orientation.relance')).toEqual([]);
    services.clock.now = start;
  });
});
