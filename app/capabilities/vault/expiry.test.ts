// Les rappels des papiers qui expirent, sur une vraie base : au bon moment, une seule fois par échéance, par le moyen
// préféré de la personne, avec quoi faire et où se faire aider ; rien pour un papier retiré ou une personne sans
// contact ; la liste des médiateurs les montre, et sa lecture est tracée.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { auditEvents, outbox } from '../../platform/schema';
import { makePlace } from '../directory/builders.server';
import { makePerson } from '../reception/builders.server';
import { expiringDocuments, sendExpiryReminders } from './expiry.server';
import { openVault, removeDocument, storeDocument } from './vault.server';
import type { DocumentKind } from './vocabulary';

describe('papiers qui expirent', () => {
  let services: TestServices;
  let alpha: string;
  let mediator: Actor;

  const reminders = () =>
    operatorTransaction(services.database, (tx) =>
      tx.select().from(outbox).where(eq(outbox.purpose, 'coffre.echeance')).orderBy(outbox.createdAt),
    );

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-12-01T08:00:00');
    const ids = await operatorTransaction(services.database, async (tx) => {
      const structure = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      await addMembership(tx, { structureId: structure.id, userId: julien.id, role: 'mediateur' });
      await makePlace(tx, structure.id, 'Espace France Services', { phone: '02 47 00 00 00', receptionSite: true });
      const awa = await makePerson(tx, structure.id, { firstName: 'Awa', lastName: 'Diop', phone: '06 12 34 56 78' });
      const bruno = await makePerson(tx, structure.id, {
        firstName: 'Bruno',
        lastName: 'Petit',
        phone: '06 98 76 54 32',
        email: 'bruno@exemple.test',
        preferredContact: 'email',
      });
      const chloe = await makePerson(tx, structure.id, { firstName: 'Chloé', lastName: 'Sans-Contact' });
      const paper = async (personId: string, kind: DocumentKind, expiresOn: string) => {
        const owner = { structureId: structure.id, personId };
        await openVault(tx, services.masterKey, owner, julien.id, services.now());
        return storeDocument(
          tx,
          services,
          owner,
          { kind, issuedOn: null, expiresOn, fileName: `${kind}.pdf` },
          { bytes: Buffer.from(`%PDF-1.4 ${kind}`), contentType: 'application/pdf', pageCount: 1 },
          { userId: julien.id, byPerson: false },
          services.now(),
        );
      };
      await paper(awa.id, 'titre_sejour', '2027-02-20'); // dans moins de 3 mois : premier rappel
      await paper(bruno.id, 'piece_identite', '2026-12-20'); // dans moins d'un mois : par e-mail, son choix
      await paper(bruno.id, 'rib', '2026-12-20'); // un RIB : pas de rappel
      await paper(chloe.id, 'attestation_caf', '2026-12-15'); // personne à joindre : la liste le dit
      const removed = await paper(awa.id, 'piece_identite', '2026-12-10');
      await removeDocument(tx, { structureId: structure.id, personId: awa.id }, removed, julien.id, services.now());
      await paper(awa.id, 'attestation_cpam', '2026-11-20'); // déjà fini : dans la liste, sans rappel
      return { structure: structure.id, julien: julien.id };
    });
    alpha = ids.structure;
    mediator = { userId: ids.julien, structureId: alpha, role: 'mediateur' } as Actor;
  });
  afterAll(() => services.database.close());

  it('envoie chaque rappel dû une seule fois, par le moyen préféré, avec quoi faire et où se faire aider', async () => {
    expect(await sendExpiryReminders(services, alpha)).toBe(2);
    const sent = await reminders();
    expect(sent.map((m) => [m.channel, m.recipient]).sort()).toEqual([
      ['email', 'bruno@exemple.test'],
      ['sms', '06 12 34 56 78'],
    ]);
    const [byEmail, bySms] = [sent.find((m) => m.channel === 'email')!, sent.find((m) => m.channel === 'sms')!];
    expect(bySms.body).toBe(
      "CCAS d'Alpha : votre papier « Titre de séjour » finit le 20 février 2027. Faites la demande de renouvellement sur le site de l’ANEF (administration numérique pour les étrangers). Nous pouvons vous aider : Espace France Services, 02 47 00 00 00.",
    );
    expect(byEmail.subject).toBe("Votre papier « Pièce d'identité » va bientôt finir");
    // Le lendemain : rien de nouveau. Un mois avant la fin du titre de séjour : le second rappel.
    services.clock.now = new Date('2026-12-02T08:00:00');
    expect(await sendExpiryReminders(services, alpha)).toBe(0);
    services.clock.now = new Date('2027-01-20T08:00:00');
    expect(await sendExpiryReminders(services, alpha)).toBe(1);
    services.clock.now = new Date('2026-12-01T08:00:00');
  });

  it('montre aux médiateurs les papiers qui finissent, et trace la lecture', async () => {
    const rows = await call(services, mediator, expiringDocuments);
    expect(rows.map((r) => [r.person, r.kind, r.expired, r.reminded, r.reachable])).toEqual([
      ['Awa Diop', 'attestation_cpam', true, false, true],
      ['Chloé Sans-Contact', 'attestation_caf', false, false, false],
      ['Bruno Petit', 'piece_identite', false, true, true],
      ['Bruno Petit', 'rib', false, false, true],
      ['Awa Diop', 'titre_sejour', false, true, true],
    ]);
    const audit = await operatorTransaction(services.database, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'coffre.echeances_consultees')),
    );
    expect(audit).toHaveLength(1);
  });
});
