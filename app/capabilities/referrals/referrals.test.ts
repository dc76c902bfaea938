// Orientations sur une vraie base : envoi avec ou sans partage, réponse du partenaire (et rien de plus que le
// minimum), transitions refusées, résultat noté par la structure elle-même, relance, historique, isolement.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { places } from '../directory/schema';
import { partnerships, structures } from '../../platform/schema';
import { answerPartnership, partnershipsOf, proposePartnership } from '../administration/partnerships.server';
import { persons } from '../reception/schema';
import { referralHandoffs } from './schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { communesFor } from '../reception/communes.server';
import { readNationalRecord } from '../directory/national-format';
import { placeValues } from '../directory/places.server';
import { readReferralFigures } from '../steering/indicators.server';
import { outcomeSchema, referralSchema } from './rules';
import {
  acknowledgeHandoff,
  createReferral,
  listReceivedHandoffs,
  listSentReferrals,
  readHandoff,
  readReferral,
  recordHandoffOutcome,
  recordOwnOutcome,
  referralsOfPerson,
  type Sender,
} from './referrals.server';
import { call } from '../../../test/request';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { referralSlipPdf } from './slip-pdf.server';
import { referralEvents } from './timeline.server';
import { personRow } from '../reception/builders.server';

describe('orientations', () => {
  let services: TestServices;
  let mediator: Sender;
  let partner: Actor;
  let stranger: Actor;
  let person: string;
  let partnerPlace: string;
  let plainPlace: string;
  const send = (placeId: string, change: Record<string, string> = {}) =>
    call(
      services,
      mediator,
      createReferral,
      person,
      referralSchema().parse({ placeId, reason: 'Ateliers e-mail', toBring: 'Son téléphone', channel: 'seule', consent: 'oui', ...change }),
    );

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    const agents = await makeAgents(services.database, {
      'julien@alpha': 'mediateur',
      'helene@mediatheque': 'partenaire',
      'thomas@beta': 'mediateur',
    });
    mediator = { ...agents['julien@alpha'], displayName: 'Julien' };
    partner = agents['helene@mediatheque'];
    stranger = agents['thomas@beta'];
    const ids = await operatorTransaction(services.database, async (tx) => {
      const [p] = await tx
        .insert(persons)
        .values(personRow(mediator.structureId, { firstName: 'Awa', lastName: 'Diop', phone: '06 12 34 56 78', birthYear: 1960 }))
        .returning();
      const place = (id: string, nom: string) => {
        const reading = readNationalRecord(
          {
            id,
            nom,
            pivot: '00000000000000',
            adresse: '5 allée des Lettres',
            commune: 'Tours',
            code_postal: '37000',
            services: 'Maîtrise des outils numériques du quotidien',
            date_maj: '2026-11-30',
          },
          { communesFor },
        );
        if (!reading.ok) throw new Error('lieu invalide');
        return placeValues(mediator.structureId, reading.place);
      };
      const [a] = await tx
        .insert(places)
        .values({ ...place('mediatheque', 'Médiathèque'), partnerStructureId: partner.structureId })
        .returning();
      const [b] = await tx.insert(places).values(place('epn', 'EPN du quartier')).returning();
      return { person: p!.id, partnerPlace: a!.id, plainPlace: b!.id };
    });
    ({ person, partnerPlace, plainPlace } = ids);
    // Le partenariat, proposé par Alpha et accepté par la médiathèque, par les cas d'usage de l'administration.
    expect(await call(services, mediator, proposePartnership, partner.structureId)).toEqual({ ok: true });
    const [proposal] = await call(services, partner, partnershipsOf);
    expect(await call(services, partner, answerPartnership, proposal!.id, 'accepter')).toEqual({ ok: true });
  });
  afterAll(() => services.database.close());

  it('transmet au partenaire le minimum, et rien d’autre ; il le prend en compte puis note le résultat, que l’émetteur lit', async () => {
    const sent = await send(partnerPlace);
    if (!sent.ok) throw new Error(sent.error);
    const [received] = await call(services, partner, listReceivedHandoffs);
    expect(received).toMatchObject({
      id: sent.id,
      personName: 'Awa Diop',
      personContact: '06 12 34 56 78',
      reason: 'Ateliers e-mail',
      toBring: 'Son téléphone',
      senderName: "CCAS d'Alpha",
      senderAgentName: 'Julien',
      status: 'envoyee',
    });
    // La base refuse au partenaire la fiche de la personne et l'orientation elle-même.
    await transaction(services.database, partner, async (tx) => {
      expect(await tx.select().from(persons)).toEqual([]);
      expect((await tx.execute(sql`select count(*)::int as n from referrals`)) as unknown).toMatchObject({ rows: [{ n: 0 }] });
    });
    expect(await call(services, partner, readReferral, sent.id)).toBeNull();

    expect(await call(services, partner, acknowledgeHandoff, sent.id)).toEqual({ ok: true });
    expect(await call(services, partner, acknowledgeHandoff, sent.id)).toEqual({ ok: false, error: 'deja_prise_en_compte' });
    expect((await call(services, mediator, readReferral, sent.id))!.state).toMatchObject({
      status: 'prise_en_compte',
      answeredBy: 'partenaire',
    });

    expect(
      await call(
        services,
        partner,
        recordHandoffOutcome,
        sent.id,
        outcomeSchema.parse({ outcome: 'accompagnee', comment: 'Inscrite aux ateliers' }),
      ),
    ).toEqual({ ok: true });
    expect(await call(services, partner, recordHandoffOutcome, sent.id, outcomeSchema.parse({ outcome: 'venue' }))).toEqual({
      ok: false,
      error: 'deja_close',
    });
    const view = await call(services, mediator, readReferral, sent.id);
    expect(view!.state).toMatchObject({ status: 'close', outcome: 'accompagnee', comment: 'Inscrite aux ateliers' });
    expect(view!.partnerName).toBe('mediatheque');

    // La fiche remise à la personne lui parle : « votre téléphone », « sait que vous venez ».
    const pdf = await referralSlipPdf(view!, "CCAS d'Alpha", services.now());
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++)
      text += (await (await document.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ') + ' ';
    text = text.replace(/\s+/g, ' ');
    expect(text).toContain('Ce que vous apportez Votre téléphone');
    expect(text).toContain('mediatheque sait que vous venez.');
    expect(text).not.toMatch(/prévenu\(e\)|Son téléphone/);
    // Le commentaire du lieu rejoint l'historique de la personne.
    const events = await transaction(services.database, mediator, (tx) => referralEvents(tx, mediator, person));
    expect(events.find((e) => e.step === 'close')).toMatchObject({ outcome: 'accompagnee', comment: 'Inscrite aux ateliers' });
  });

  it("ne répond pas à une orientation d'une autre structure (introuvable), ni ne la lit", async () => {
    const sent = await send(partnerPlace);
    if (!sent.ok) throw new Error(sent.error);
    expect(await call(services, stranger, readHandoff, sent.id)).toBeNull();
    expect(await call(services, stranger, acknowledgeHandoff, sent.id)).toEqual({ ok: false, error: 'introuvable' });
    expect(await call(services, stranger, readReferral, sent.id)).toBeNull();
    // L'émetteur ne répond pas à la place du partenaire : la RLS ne lui laisse que la lecture.
    expect(await call(services, mediator, acknowledgeHandoff, sent.id)).toEqual({ ok: false, error: 'introuvable' });
    await transaction(services.database, mediator, async (tx) => {
      const result = (await tx
        .update(referralHandoffs)
        .set({ comment: 'forcé' })
        .where(eq(referralHandoffs.id, sent.id))
        .returning()) as unknown[];
      expect(result).toEqual([]);
    });
  });

  it('sans accord ou sans partenaire : rien n’est transmis, la structure note elle-même le résultat', async () => {
    const plain = await send(plainPlace, { consent: 'non' });
    if (!plain.ok) throw new Error(plain.error);
    const count = (await call(services, partner, listReceivedHandoffs)).length;
    expect(
      await call(services, mediator, recordOwnOutcome, plain.id, outcomeSchema.parse({ outcome: 'refusee', refusalReason: 'complet' })),
    ).toEqual({ ok: true });
    expect((await call(services, mediator, readReferral, plain.id))!.state).toMatchObject({
      status: 'close',
      outcome: 'refusee',
      refusalReason: 'complet',
      answeredBy: 'structure',
    });
    expect((await call(services, partner, listReceivedHandoffs)).length).toBe(count);
    // Une orientation suivie par le partenaire ne se clôt pas à sa place.
    const shared = await send(partnerPlace);
    expect(
      await call(services, mediator, recordOwnOutcome, (shared as { id: string }).id, outcomeSchema.parse({ outcome: 'venue' })),
    ).toEqual({ ok: false, error: 'introuvable' });
  });

  it('refuse un lieu d’une autre structure ou retiré, et une personne d’une autre structure', async () => {
    const [betaPlace] = await operatorTransaction(services.database, async (tx) => {
      const reading = readNationalRecord(
        {
          id: 'b',
          nom: 'B',
          pivot: '00000000000000',
          adresse: '1 rue',
          commune: 'Tours',
          code_postal: '37000',
          services: 'Aide aux démarches administratives',
          date_maj: '2026-11-30',
        },
        { communesFor },
      );
      if (!reading.ok) throw new Error('lieu invalide');
      return tx.insert(places).values(placeValues(stranger.structureId, reading.place)).returning();
    });
    expect(await send(betaPlace!.id)).toEqual({ ok: false, error: 'lieu_introuvable' });
    expect(
      await call(
        services,
        { ...stranger, displayName: 'Thomas' },
        createReferral,
        person,
        referralSchema().parse({ placeId: betaPlace!.id, reason: 'Ateliers', channel: 'seule', consent: 'non' }),
      ),
    ).toEqual({ ok: false, error: 'personne_introuvable' });
  });

  it('compte pour le pilotage les orientations de la période, celles qui sont closes et le délai médian de réponse', async () => {
    // À ce point : 1 close par le partenaire (le jour même), 1 close par la structure (le jour même), 2 en attente.
    const figures = await transaction(services.database, mediator, (tx) =>
      readReferralFigures(tx, mediator.structureId, { du: '2026-11-01', au: '2026-11-30' }),
    );
    expect(figures).toEqual({ sent: 4, closed: 2, medianDays: 0 });
    const before = await transaction(services.database, mediator, (tx) =>
      readReferralFigures(tx, mediator.structureId, { du: '2026-10-01', au: '2026-10-31' }),
    );
    expect(before).toEqual({ sent: 0, closed: 0, medianDays: null });
  });

  it('signale les orientations sans réponse après le délai de la structure, et les met dans l’historique', async () => {
    const sent = await send(partnerPlace);
    if (!sent.ok) throw new Error(sent.error);
    expect((await call(services, mediator, listSentReferrals, 'a_relancer')).rows.map((r) => r.referral.id)).not.toContain(sent.id);
    services.clock.now = new Date(services.clock.now.getTime() + 8 * 86_400_000);
    const late = await call(services, mediator, listSentReferrals, 'a_relancer');
    expect(late.reminderDays).toBe(7);
    expect(late.rows.find((r) => r.referral.id === sent.id)?.followUp).toBe('a_relancer');
    await operatorTransaction(services.database, (tx) =>
      tx.update(structures).set({ referralReminderDays: 10 }).where(eq(structures.id, mediator.structureId)),
    );
    expect((await call(services, mediator, listSentReferrals, 'a_relancer')).rows.map((r) => r.referral.id)).not.toContain(sent.id);
    services.clock.now = new Date(services.clock.now.getTime() + 30 * 86_400_000);
    expect((await call(services, mediator, readReferral, sent.id))!.followUp).toBe('expiree');
    const history = await transaction(services.database, mediator, (tx) => referralsOfPerson(tx, mediator, person));
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history[0]).toMatchObject({ placeName: 'Médiathèque' });
  });

  it('sans partenariat accepté, rien ne part chez la structure du lieu : ni par le cas d’usage, ni par une écriture directe (RLS)', async () => {
    const handoff = (id: string) => ({
      structureId: stranger.structureId,
      id,
      senderStructureId: mediator.structureId,
      senderName: 'CCAS',
      senderAgentName: 'Julien',
      placeName: 'Ailleurs',
      personName: 'Awa Diop',
      reason: 'Essai',
      channel: 'seule' as const,
      createdAt: services.clock.now,
    });
    // Beta n'est pas partenaire : la politique refuse d'y ranger le minimum d'une personne.
    await expect(
      call(services, mediator, ({ tx }) => tx.insert(referralHandoffs).values(handoff('00000000-0000-4000-8000-000000000001'))),
    ).rejects.toThrow();
    // La médiathèque met fin au partenariat : l'orientation suivante part par lien, plus chez elle.
    const [current] = await call(services, partner, partnershipsOf);
    expect(await call(services, partner, answerPartnership, current!.id, 'terminer')).toEqual({ ok: true });
    const sent = await send(partnerPlace);
    if (!sent.ok) throw new Error(sent.error);
    expect(await call(services, partner, readHandoff, sent.id)).toBeNull();
    const view = (await call(services, mediator, readReferral, sent.id))!;
    expect(view.referral.partnerStructureId).toBeNull();
    expect(view.link).not.toBeNull();
  });

  it('un partenariat ne s’accepte que par la structure à qui il est proposé', async () => {
    expect(await call(services, mediator, proposePartnership, stranger.structureId)).toEqual({ ok: true });
    expect(await call(services, mediator, proposePartnership, stranger.structureId)).toEqual({ ok: false, error: 'deja_partenaires' });
    const [proposal] = (await call(services, mediator, partnershipsOf)).filter((p) => p.otherId === stranger.structureId);
    expect(await call(services, mediator, answerPartnership, proposal!.id, 'accepter')).toEqual({
      ok: false,
      error: 'partenariat_introuvable',
    });
    // Même en écrivant directement, la structure qui propose ne peut pas accepter à la place de l'autre (RLS).
    await expect(
      call(services, mediator, ({ tx }) =>
        tx.update(partnerships).set({ status: 'acceptee', answeredAt: services.clock.now }).where(eq(partnerships.id, proposal!.id)),
      ),
    ).rejects.toThrow();
    expect(await call(services, partner, partnershipsOf)).toEqual([]);
    expect(await call(services, stranger, answerPartnership, proposal!.id, 'refuser')).toEqual({ ok: true });
  });
});
