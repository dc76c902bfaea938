// Le coffre-fort sur une vraie base et un vrai dossier : l'accord d'abord ; un papier ajouté se relit à l'octet près,
// chaque ouverture tracée ; aucun octet clair d'un papier (ni son nom) dans la base, les fichiers ou le journal ; un
// papier retiré est illisible, même depuis une copie de son fichier chiffré gardée avant (une sauvegarde).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { sqlRows } from '../../db/database.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { FileStorage } from '../../platform/file-storage.server';
import { auditEvents } from '../../platform/schema';
import { persons } from '../reception/schema';
import { makePerson } from '../reception/builders.server';
import { decryptStream, unwrapKey } from './encryption.server';
import { prepareDocument } from './intake.server';
import { vaultDocuments, vaults } from './schema';
import { purgeRemovedFiles } from './housekeeping.server';
import { listDocuments, openDocument, openVault, removeDocument, storageFailureMessage, storeDocument } from './vault.server';

const SECRET_NAME = 'avis-impots-Zorglub-2026.pdf';
const MARKER = 'NUMERO-FISCAL-3141592653589';

describe('coffre-fort d’une personne', () => {
  let services: TestServices;
  let ids: { alpha: string; beta: string; julien: string; person: string; other: string };
  const filesDir = () => path.join(services.config.dataDir, 'files');
  const asAlpha = <T>(work: Parameters<typeof transaction<T>>[2]) =>
    transaction(services.database, { structureId: ids.alpha, userId: ids.julien }, work);

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    ids = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      const person = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop' });
      const other = await makePerson(tx, alpha.id, { firstName: 'Bruno', lastName: 'Petit' });
      return { alpha: alpha.id, beta: beta.id, julien: julien.id, person: person.id, other: other.id };
    });
  });
  afterAll(() => services.database.close());

  async function taxNotice() {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText(`Avis d'impot ${MARKER}`, { x: 50, y: 700 });
    return prepareDocument([{ name: SECRET_NAME, bytes: Buffer.from(await pdf.save({ useObjectStreams: false })) }]);
  }
  const owner = () => ({ structureId: ids.alpha, personId: ids.person });

  it('sans l’accord de la personne, rien ne se range', async () => {
    const prepared = await taxNotice();
    await expect(
      asAlpha((tx) =>
        storeDocument(
          tx,
          services,
          owner(),
          { kind: 'avis_imposition', issuedOn: null, expiresOn: null, fileName: 'x.pdf' },
          prepared,
          {
            userId: ids.julien,
            byPerson: false,
          },
          services.now(),
        ),
      ),
    ).rejects.toThrow(/pas encore accepté/);
    expect(fs.existsSync(filesDir()) ? fs.readdirSync(filesDir()) : []).toEqual([]);
  });

  it('range un papier chiffré, le relit à l’octet près, et trace chaque ouverture', async () => {
    const prepared = await taxNotice();
    const id = await asAlpha(async (tx) => {
      await openVault(tx, services.masterKey, owner(), ids.julien, services.now());
      return storeDocument(
        tx,
        services,
        owner(),
        { kind: 'avis_imposition', issuedOn: '2026-08-01', expiresOn: null, fileName: SECRET_NAME },
        prepared,
        { userId: ids.julien, byPerson: false },
        services.now(),
      );
    });
    const listed = await asAlpha((tx) => listDocuments(tx, services.masterKey, owner()));
    expect(listed!.documents.map((d) => [d.kind, d.fileName, d.sizeBytes, d.addedBy])).toEqual([
      ['avis_imposition', SECRET_NAME, prepared.bytes.length, ids.julien],
    ]);
    const read = await asAlpha(async (tx) => {
      const opened = await openDocument(tx, services, owner(), id, ids.julien);
      return { ...opened!, bytes: await buffer(await opened!.stream()) };
    });
    expect([read.fileName, read.contentType, read.bytes.equals(prepared.bytes)]).toEqual([SECRET_NAME, 'application/pdf', true]);
    const audit = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.structureId, ids.alpha), eq(auditEvents.targetId, id))),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['coffre.document_ajoute', 'coffre.document_ouvert']);
    // Le papier d'une personne ne s'ouvre pas au nom d'une autre, même avec son identifiant.
    expect(await asAlpha((tx) => openDocument(tx, services, { ...owner(), personId: ids.other }, id, ids.julien))).toBeNull();
  });

  it('ne laisse aucun octet clair d’un papier, ni son nom, dans la base, les fichiers ou le journal', async () => {
    const needles = [SECRET_NAME, MARKER, 'Zorglub'];
    const dump = await operatorTransaction(services.database, async (tx) => {
      const tables = await sqlRows<{ table_name: string }>(
        tx,
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      );
      let text = '';
      for (const { table_name } of tables)
        for (const row of await sqlRows<{ line: string }>(tx, sql`select t::text as line from ${sql.identifier(table_name)} t`))
          text += row.line + '\n';
      return text;
    });
    expect(dump).toContain('avis_imposition');
    const files = fs.readdirSync(filesDir(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBe(1);
    const stored = files.map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1')).join('');
    for (const needle of needles) {
      expect(dump, needle).not.toContain(needle);
      expect(stored, needle).not.toContain(needle);
      expect(files.some((e) => e.name.includes(needle))).toBe(false);
    }
  });

  it('retiré, le papier est illisible : sa clé détruite, son fichier effacé, une copie gardée avant ne s’ouvre plus', async () => {
    const [document] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(vaultDocuments).where(eq(vaultDocuments.personId, ids.person)),
    );
    const file = path.join(filesDir(), document!.storageName.slice(0, 2), document!.storageName);
    const backupCopy = fs.readFileSync(file);
    expect(await asAlpha((tx) => removeDocument(tx, owner(), document!.id, ids.julien, services.now()))).toBe(true);
    // Le fichier chiffré reste jusqu'au passage du worker (la transaction aurait pu être annulée), puis disparaît.
    expect(fs.existsSync(file)).toBe(true);
    expect(await purgeRemovedFiles(services, ids.alpha)).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(await purgeRemovedFiles(services, ids.alpha)).toBe(0);
    expect(await asAlpha((tx) => openDocument(tx, services, owner(), document!.id, ids.julien))).toBeNull();
    const listed = await asAlpha((tx) => listDocuments(tx, services.masterKey, owner()));
    expect(listed!.documents.map((d) => [d.fileName, d.removedAt !== null])).toEqual([[null, true]]);
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx.select().from(vaultDocuments).where(eq(vaultDocuments.id, document!.id)),
    );
    expect(row!.wrappedKey).toBeNull();
    // Sans la clé du papier, la copie de son fichier n'est que du bruit : même la clé de la personne n'y suffit pas.
    const [vault] = await operatorTransaction(services.database, (tx) => tx.select().from(vaults).where(eq(vaults.personId, ids.person)));
    const personKey = unwrapKey(services.masterKey, vault!.wrappedKey!, `personne:${vault!.id}`);
    await expect(buffer(Readable.from([backupCopy]).pipe(decryptStream(personKey)))).rejects.toThrow(/altéré ou incomplet/);
    // Retirer deux fois ne fait rien.
    expect(await asAlpha((tx) => removeDocument(tx, owner(), document!.id, ids.julien, services.now()))).toBe(false);
  });

  it('disque plein : le papier n’est pas rangé, le message le dit, rien n’est écrit', async () => {
    // Un vrai « disque plein » du système : /dev/full répond ENOSPC à toute écriture.
    const full: FileStorage = { ...services.files, put: (_name, body) => pipeline(body, fs.createWriteStream('/dev/full')).then(() => 0) };
    const before = await operatorTransaction(services.database, (tx) => tx.select().from(vaultDocuments));
    const error = await asAlpha((tx) =>
      storeDocument(
        tx,
        { masterKey: services.masterKey, files: full },
        owner(),
        { kind: 'rib', issuedOn: null, expiresOn: null, fileName: 'rib.pdf' },
        { bytes: Buffer.alloc(200_000, 7), contentType: 'application/pdf', pageCount: 1 },
        { userId: ids.julien, byPerson: false },
        services.now(),
      ),
    ).catch((e: unknown) => e);
    expect(storageFailureMessage(error)).toMatch(/^Le disque du serveur est plein : le papier n'a pas été enregistré/);
    expect(await operatorTransaction(services.database, (tx) => tx.select().from(vaultDocuments))).toHaveLength(before.length);
  });

  it('une personne anonymisée perd sa clé et celles de ses papiers, dans la même transaction', async () => {
    const prepared = await taxNotice();
    const other = { structureId: ids.alpha, personId: ids.other };
    const id = await asAlpha(async (tx) => {
      await openVault(tx, services.masterKey, other, ids.julien, services.now());
      return storeDocument(
        tx,
        services,
        other,
        { kind: 'avis_imposition', issuedOn: null, expiresOn: null, fileName: 'avis.pdf' },
        prepared,
        { userId: ids.julien, byPerson: false },
        services.now(),
      );
    });
    await asAlpha((tx) => tx.update(persons).set({ anonymisedAt: services.now() }).where(eq(persons.id, ids.other)));
    const [vault] = await operatorTransaction(services.database, (tx) => tx.select().from(vaults).where(eq(vaults.personId, ids.other)));
    const [paper] = await operatorTransaction(services.database, (tx) => tx.select().from(vaultDocuments).where(eq(vaultDocuments.id, id)));
    expect([vault!.wrappedKey, vault!.destroyedAt !== null, paper!.wrappedKey, paper!.removedAt !== null]).toEqual([
      null,
      true,
      null,
      true,
    ]);
    expect(await asAlpha((tx) => openDocument(tx, services, other, id, ids.julien))).toBeNull();
    expect(await purgeRemovedFiles(services, ids.alpha)).toBe(1);
  });

  it('Beta ne voit ni le coffre ni les papiers d’Alpha (sécurité au niveau des lignes)', async () => {
    const seen = await transaction(services.database, { structureId: ids.beta, userId: ids.julien }, (tx) =>
      listDocuments(tx, services.masterKey, owner()),
    );
    expect(seen).toBeNull();
  });
});
