// Écrire et relire le journal des actes sous mandat. L'ajout verrouille la tête du journal de la structure :
// deux actes simultanés ne peuvent pas s'accrocher au même maillon.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.server';
import { mandateActs, mandateJournalHeads } from './schema';
import { structures, users } from '../../platform/schema';
import { operatorTransaction } from '../../db/transaction.server';
import { chainHash, GENESIS, verifyChain, type ActContent, type ChainCheck } from './journal-chain';

export type NewAct = Omit<ActContent, 'seq' | 'recordedAt'>;

export async function appendAct(tx: Tx, structureId: string, act: NewAct, recordedAt: Date) {
  await tx.insert(mandateJournalHeads).values({ structureId, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx.select().from(mandateJournalHeads).where(eq(mandateJournalHeads.structureId, structureId)).for('update');
  const content: ActContent = { ...act, seq: head!.seq + 1, recordedAt };
  const hash = chainHash(head!.hash, content);
  await tx.insert(mandateActs).values({ structureId, ...content, prevHash: head!.hash, hash });
  await tx.update(mandateJournalHeads).set({ seq: content.seq, hash }).where(eq(mandateJournalHeads.structureId, structureId));
  return content.seq;
}

/**
 * Les actes faits pour une personne, du plus récent au plus ancien, avec le nom de l'agent qui les a faits et leur
 * rang pour la personne (1 pour son premier acte ; `seq` numérote le journal de toute la structure).
 */
export async function actsOfPerson(tx: Tx, structureId: string, personId: string, limit = 500) {
  const rows = await tx
    .select({ act: mandateActs, by: users.displayName, personSeq: sql<number>`(row_number() over (order by ${mandateActs.seq}))::int` })
    .from(mandateActs)
    .leftJoin(users, eq(users.id, mandateActs.actorId))
    .where(and(eq(mandateActs.structureId, structureId), eq(mandateActs.personId, personId)))
    .orderBy(desc(mandateActs.seq))
    .limit(limit);
  return rows.map(({ act, by, personSeq }) => ({ ...act, by, personSeq }));
}

export interface JournalReport {
  slug: string;
  check: ChainCheck;
}

/** Vérifie la chaîne de chaque structure (exploitant : hors RLS, lecture seule). */
export async function verifyJournals(database: Database): Promise<JournalReport[]> {
  return operatorTransaction(database, async (tx) => {
    await tx.execute(sql`set transaction read only`);
    const all = await tx.select({ id: structures.id, slug: structures.slug }).from(structures).orderBy(asc(structures.slug));
    const reports: JournalReport[] = [];
    for (const structure of all) {
      const rows = await tx.select().from(mandateActs).where(eq(mandateActs.structureId, structure.id)).orderBy(asc(mandateActs.seq));
      const [head] = await tx.select().from(mandateJournalHeads).where(eq(mandateJournalHeads.structureId, structure.id));
      reports.push({ slug: structure.slug, check: verifyChain(rows, head ?? null) });
    }
    return reports;
  });
}
