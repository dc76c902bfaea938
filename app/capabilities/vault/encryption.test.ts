// Le chiffrement du coffre-fort : aller-retour exact quelle que soit la taille (vide, un morceau juste, à cheval sur
// deux), rien de clair dans le chiffré, et refus de tout fichier changé, coupé, rallongé, réordonné, ou ouvert avec
// une autre clé ; les enveloppes de clés ne s'ouvrent que sous la bonne clé et pour leur usage.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, decryptStream, encryptStream, newKey, TamperedFileError, unwrapKey, wrapKey } from './encryption.server';

const seal = (key: Buffer, plain: Buffer) => buffer(Readable.from([plain]).pipe(encryptStream(key)));
const open = (key: Buffer, sealed: Buffer) => buffer(Readable.from(splitIntoPieces(sealed)).pipe(decryptStream(key)));
/** Le chiffré arrive en morceaux de tailles quelconques, comme d'un disque ou du réseau. */
function splitIntoPieces(data: Buffer) {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length;) {
    const size = 1 + crypto.randomInt(0, 40_000);
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

describe('chiffrement du coffre-fort', () => {
  const key = newKey();

  it.each([0, 1, 1000, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17])(
    'rend exactement les %i octets chiffrés, sans rien de clair dans le chiffré',
    async (size) => {
      const plain = Buffer.alloc(size, 'SPÉCIMEN titre de séjour ');
      const sealed = await seal(key, plain);
      expect(await open(key, sealed)).toEqual(plain);
      if (size >= 25) expect(sealed.includes(Buffer.from('SPÉCIMEN'))).toBe(false);
    },
  );

  it('refuse un octet changé, un fichier coupé ou rallongé, des morceaux échangés, une autre clé', async () => {
    const plain = crypto.randomBytes(3 * CHUNK_BYTES + 100);
    const sealed = await seal(key, plain);
    const chunk = CHUNK_BYTES + 16;
    const header = 12;
    const flipped = Buffer.from(sealed);
    flipped[header + 5000] = flipped[header + 5000]! ^ 1;
    const swapped = Buffer.concat([
      sealed.subarray(0, header),
      sealed.subarray(header + chunk, header + 2 * chunk),
      sealed.subarray(header, header + chunk),
      sealed.subarray(header + 2 * chunk),
    ]);
    for (const broken of [
      flipped,
      sealed.subarray(0, header + 2 * chunk), // coupé juste après un morceau entier
      sealed.subarray(0, sealed.length - 1),
      Buffer.concat([sealed, sealed.subarray(header, header + chunk)]),
      swapped,
      sealed.subarray(0, 5),
    ])
      await expect(open(key, broken)).rejects.toBeInstanceOf(TamperedFileError);
    await expect(open(newKey(), sealed)).rejects.toBeInstanceOf(TamperedFileError);
  });

  it('enveloppe une clé : elle ne s’ouvre que sous la même clé et pour le même usage', () => {
    const master = newKey();
    const personKey = newKey();
    const wrapped = wrapKey(master, personKey, 'personne:a');
    expect(unwrapKey(master, wrapped, 'personne:a')).toEqual(personKey);
    expect(() => unwrapKey(master, wrapped, 'personne:b')).toThrow(TamperedFileError);
    expect(() => unwrapKey(newKey(), wrapped, 'personne:a')).toThrow(TamperedFileError);
    expect(wrapped.includes(personKey.toString('base64url'))).toBe(false);
  });
});
