// Mesures du coffre-fort (issue 21), sur une base embarquée et le dossier des fichiers, un papier PDF de 5 Mo :
//   vault.upload_mb_s       : préparer (type lu, PDF relu) + chiffrer en flux + écrire + ranger sa ligne, en Mo/s
//   vault.download_p95_ms   : relire la ligne, déchiffrer en flux et lire tout le papier, 95e centile
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { PDFDocument } from 'pdf-lib';
import { openDatabase } from '../app/db/database.server';
import { addMembership, makeStructure, makeUser } from '../app/db/builders.server';
import { migrate } from '../app/db/migrate.server';
import { operatorTransaction, transaction } from '../app/db/transaction.server';
import { localStorage } from '../app/platform/file-storage.server';
import { makePerson } from '../app/capabilities/reception/builders.server';
import { prepareDocument } from '../app/capabilities/vault/intake.server';
import { openDocument, openVault, storeDocument } from '../app/capabilities/vault/vault.server';

const SIZE = 5 * 1024 * 1024;
const UPLOADS = 8;
const DOWNLOADS = 30;

/** Un PDF d'une page portant 5 Mo d'annexe incompressible : la taille d'un papier scanné en couleur. */
async function fiveMegabytePdf() {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Papier de mesure', { x: 50, y: 700 });
  await pdf.attach(crypto.randomBytes(SIZE), 'scan.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await pdf.save());
}

export async function vaultFigures(percentile: (values: number[], p: number) => number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-coffre-'));
  const database = await openDatabase({ kind: 'pglite', memory: true });
  try {
    await migrate(database);
    const masterKey = crypto.randomBytes(32);
    const services = { masterKey, files: localStorage(path.join(dir, 'files')) };
    const ids = await operatorTransaction(database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const user = await makeUser(tx, { email: 'mediation@alpha.test', displayName: 'Médiatrice' });
      await addMembership(tx, { structureId: alpha.id, userId: user.id, role: 'mediateur' });
      const person = await makePerson(tx, alpha.id, { firstName: 'Awa', lastName: 'Diop' });
      await openVault(tx, masterKey, { structureId: alpha.id, personId: person.id }, user.id, new Date());
      return { alpha: alpha.id, user: user.id, person: person.id };
    });
    const owner = { structureId: ids.alpha, personId: ids.person };
    const asAgent = <T>(work: Parameters<typeof transaction<T>>[2]) =>
      transaction(database, { structureId: ids.alpha, userId: ids.user }, work);
    const bytes = await fiveMegabytePdf();

    const stored: string[] = [];
    const started = performance.now();
    for (let i = 0; i < UPLOADS; i++) {
      const prepared = await prepareDocument([{ name: `scan-${i}.pdf`, bytes }]);
      stored.push(
        await asAgent((tx) =>
          storeDocument(
            tx,
            services,
            owner,
            { kind: 'autre', issuedOn: null, expiresOn: null, fileName: `scan-${i}.pdf` },
            prepared,
            { userId: ids.user, byPerson: false },
            new Date(),
          ),
        ),
      );
    }
    const uploadSeconds = (performance.now() - started) / 1000;

    const durations: number[] = [];
    for (let i = 0; i < DOWNLOADS + 3; i++) {
      const t0 = performance.now();
      const read = await asAgent(async (tx) => {
        const opened = await openDocument(tx, services, owner, stored[i % stored.length]!, ids.user, 'Mesure du coffre-fort');
        return buffer(await opened!.stream());
      });
      if (read.length !== bytes.length) throw new Error('Papier relu incomplet.');
      if (i >= 3) durations.push(performance.now() - t0);
    }
    return {
      uploadMbPerSecond: (UPLOADS * bytes.length) / (1024 * 1024) / uploadSeconds,
      downloadP95Ms: percentile(durations, 95),
    };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
