import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import type { Database } from '../../db/database.server';
import { structures, users } from '../../platform/schema';
import { privateNotes } from './schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import { seedDemo } from '../demo/seed-demo.server';

describe('notes privées', () => {
  let database: Database;
  let alpha: string;
  let author: string;
  let colleague: string;
  let noteId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database, { small: true });
    const ids = await operatorTransaction(database, async (tx) => {
      const [structure] = await tx.select().from(structures).where(eq(structures.slug, 'alpha'));
      const [note] = await tx.select().from(privateNotes).where(eq(privateNotes.structureId, structure!.id)).limit(1);
      const all = await tx.select().from(users);
      return { structure: structure!, note: note!, all };
    });
    alpha = ids.structure.id;
    author = ids.note.authorId;
    noteId = ids.note.id;
    colleague = ids.all.find((u) => u.email.endsWith('@alpha.test') && u.id !== author)!.id;
  });
  afterAll(() => database.close());

  it('ne sont lisibles que par leur auteur, même dans sa structure', async () => {
    const asAuthor = await transaction(database, { structureId: alpha, userId: author }, (tx) =>
      tx.select().from(privateNotes).where(eq(privateNotes.id, noteId)),
    );
    expect(asAuthor).toHaveLength(1);
    const asColleague = await transaction(database, { structureId: alpha, userId: colleague }, (tx) =>
      tx.select().from(privateNotes).where(eq(privateNotes.id, noteId)),
    );
    expect(asColleague).toEqual([]);
  });

  it("ne peuvent être ni modifiées, ni supprimées, ni écrites au nom d'un autre", async () => {
    const updated = await transaction(database, { structureId: alpha, userId: colleague }, (tx) =>
      tx.update(privateNotes).set({ body: 'modifiée' }).where(eq(privateNotes.id, noteId)).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await transaction(database, { structureId: alpha, userId: colleague }, (tx) =>
      tx.delete(privateNotes).where(eq(privateNotes.id, noteId)).returning(),
    );
    expect(deleted).toEqual([]);
    const [note] = await operatorTransaction(database, (tx) => tx.select().from(privateNotes).where(eq(privateNotes.id, noteId)));
    const forged = transaction(database, { structureId: alpha, userId: colleague }, (tx) =>
      tx.insert(privateNotes).values({ structureId: alpha, personId: note!.personId, authorId: author, body: 'usurpée' }),
    );
    await expect(forged).rejects.toThrow();
  });
});
