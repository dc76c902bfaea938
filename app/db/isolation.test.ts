// Test d'isolement sans entretien : il lit le catalogue. Toute table qui porte un structure_id est
// couverte le jour de sa création ; il exige aussi que le jeu de démonstration la remplisse.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { seedDemo } from '../capabilities/demo/seed-demo.server';
import { sqlRows, type Database } from './database.server';
import { structures, users } from '../platform/schema';
import { operatorTransaction, transaction } from './transaction.server';

type Row = Record<string, unknown>;

/**
 * Tables partagées par construction entre deux structures, par des lignes explicites que lisent les politiques
 * (docs/architecture.md) : la structure qui oriente crée et lit la réponse rangée chez le partenaire. Elles ont leur
 * propre test plus bas ; les tests généraux ci-dessous valent pour toutes les autres.
 */
const SHARED_BY_GRANT = ['referral_handoffs'];

describe('isolement des structures par la sécurité au niveau des lignes', () => {
  let database: Database;
  let tenantTables: string[];
  let alpha: string;
  let beta: string;
  let betaUser: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database, { small: true });
    const rows = await sqlRows<Row>(
      database.db,
      sql`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'structure_id' and t.table_type = 'BASE TABLE'
      order by c.table_name`,
    );
    tenantTables = rows.map((r) => String(r.table_name));
    const ids = await operatorTransaction(database, async (tx) => {
      const all = await tx.select().from(structures);
      const [user] = await tx.select().from(users).where(eq(users.email, 'mediation@beta.test'));
      return { all, user };
    });
    alpha = ids.all.find((s) => s.slug === 'alpha')!.id;
    beta = ids.all.find((s) => s.slug === 'beta')!.id;
    betaUser = ids.user!.id;
  });
  afterAll(() => database.close());

  const asBeta = <T>(work: Parameters<typeof transaction<T>>[2]) => transaction(database, { structureId: beta, userId: betaUser }, work);

  it('trouve les tables des structures dans le catalogue', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['audit_events', 'memberships']));
  });

  it('active et force la RLS sur toutes les tables du schéma', async () => {
    const rows = await sqlRows<Row>(
      database.db,
      sql`
      select relname, relrowsecurity, relforcerowsecurity from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'r'`,
    );
    const weak = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity).map((r) => r.relname);
    expect(weak).toEqual([]);
  });

  it('place structure_id en tête de la clé primaire de chaque table de structure', async () => {
    const rows = await sqlRows<Row>(
      database.db,
      sql`
      select tc.table_name, kcu.column_name from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY' and kcu.ordinal_position = 1`,
    );
    const first = new Map(rows.map((r) => [String(r.table_name), String(r.column_name)]));
    for (const table of tenantTables) expect(first.get(table), table).toBe('structure_id');
  });

  it("n'exécute les requêtes de l'application que sous un rôle soumis à la RLS", async () => {
    const [role] = await asBeta((tx) =>
      sqlRows<Row>(
        tx,
        sql`
      select current_user as name, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({ name: 'relais_app', rolsuper: false, rolbypassrls: false });
  });

  it('a des lignes des deux structures dans chaque table (le jeu de démonstration les remplit)', async () => {
    for (const table of tenantTables) {
      const counts = (
        await sqlRows<Row>(
          database.db,
          sql`select count(*) filter (where structure_id = ${alpha})::int as alpha, count(*) filter (where structure_id = ${beta})::int as beta from ${sql.identifier(table)}`,
        )
      )[0]!;
      expect(counts.alpha, `${table} : aucune ligne d'Alpha`).toBeGreaterThan(0);
      expect(counts.beta, `${table} : aucune ligne de Beta`).toBeGreaterThan(0);
    }
  });

  it("ne montre à Beta aucune ligne d'Alpha, ni ne lui permet d'en modifier ou d'en supprimer", async () => {
    for (const table of tenantTables.filter((t) => !SHARED_BY_GRANT.includes(t))) {
      const t = sql.identifier(table);
      await asBeta(async (tx) => {
        const [visible] = await sqlRows<Row>(tx, sql`select count(*)::int as n from ${t} where structure_id = ${alpha}`);
        expect(visible!.n, `${table} : lignes d'Alpha visibles`).toBe(0);
        const [own] = await sqlRows<Row>(tx, sql`select count(*)::int as n from ${t}`);
        expect(own!.n, `${table} : Beta doit voir ses lignes`).toBeGreaterThan(0);
      });
      const updated = await affected(
        asBeta((tx) => tx.execute(sql`update ${t} set structure_id = structure_id where structure_id = ${alpha}`)),
      );
      expect(updated, `${table} : lignes d'Alpha modifiables`).toBe(0);
      const deleted = await affected(asBeta((tx) => tx.execute(sql`delete from ${t} where structure_id = ${alpha}`)));
      expect(deleted, `${table} : lignes d'Alpha supprimables`).toBe(0);
    }
  });

  it("refuse à Beta d'écrire une ligne au nom d'Alpha", async () => {
    for (const table of tenantTables.filter((t) => !SHARED_BY_GRANT.includes(t))) {
      const t = sql.identifier(table);
      // Une vraie ligne d'Alpha, recopiée avec une clé neuve : seule la RLS peut la refuser.
      const [sample] = await sqlRows<Row>(database.db, sql`select row_to_json(x) as r from ${t} x where structure_id = ${alpha} limit 1`);
      const attempt = asBeta((tx) =>
        tx.execute(sql`insert into ${t} overriding system value
          select * from json_populate_record(null::${t}, ${JSON.stringify(sample!.r)}::json)`),
      );
      await expect(attempt, table).rejects.toSatisfy((e: Error) => /row-level security|permission denied/.test(causeOf(e)));
    }
  });

  it('orientations partagées : chacun ne voit que ce qu’il a reçu ou envoyé ; seul le destinataire répond ; une troisième structure ne voit rien', async () => {
    const handoffs = sql.identifier('referral_handoffs');
    const [mediatheque] = await operatorTransaction(database, (tx) =>
      tx.select().from(structures).where(eq(structures.slug, 'mediatheque-alpha')),
    );
    await asBeta(async (tx) => {
      const seen = await sqlRows<Row>(tx, sql`select structure_id, sender_structure_id from ${handoffs}`);
      expect(seen.length).toBeGreaterThan(0);
      expect(
        seen.every((r) => r.structure_id === beta || r.sender_structure_id === beta),
        'Beta voit une orientation qui ne la concerne pas',
      ).toBe(true);
      expect(seen.some((r) => r.structure_id === beta)).toBe(true);
      expect(seen.some((r) => r.sender_structure_id === beta)).toBe(true);
    });
    // Beta ne répond pas à la place d'Alpha, même pour une orientation qu'elle a envoyée, ni ne touche les autres.
    const answered = await affected(asBeta((tx) => tx.execute(sql`update ${handoffs} set comment = 'x' where structure_id <> ${beta}`)));
    expect(answered).toBe(0);
    // Beta ne peut pas envoyer au nom d'Alpha (expéditrice usurpée), ni créer une réponse déjà close.
    const [sample] = await sqlRows<Row>(
      database.db,
      sql`select row_to_json(x) as r from ${handoffs} x where sender_structure_id = ${alpha} limit 1`,
    );
    const forged = { ...(sample!.r as Row), id: crypto.randomUUID() };
    await expect(
      asBeta((tx) =>
        tx.execute(
          sql`insert into ${handoffs} select * from json_populate_record(null::referral_handoffs, ${JSON.stringify(forged)}::json)`,
        ),
      ),
    ).rejects.toSatisfy((e: Error) => /row-level security/.test(causeOf(e)));
    // La médiathèque ne voit rien des orientations entre les deux CCAS.
    const [other] = await transaction(database, { structureId: mediatheque!.id }, (tx) =>
      sqlRows<Row>(
        tx,
        sql`select count(*)::int as n from ${handoffs} where structure_id in (${alpha}, ${beta}) and sender_structure_id in (${alpha}, ${beta})`,
      ),
    );
    expect(other!.n).toBe(0);
  });

  it("ne montre pas à Beta les comptes qui ne sont membres que d'Alpha", async () => {
    const visible = await asBeta((tx) => tx.select({ email: users.email }).from(users));
    expect(visible.map((u) => u.email).sort()).toEqual(['accueil@beta.test', 'mediation@beta.test']);
  });

  it('ne montre rien sans structure active', async () => {
    for (const table of tenantTables) {
      const [row] = await transaction(database, {}, (tx) => sqlRows<Row>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`));
      expect(row!.n, table).toBe(0);
    }
  });
});

/** Lignes touchées ; un refus de droits ou de RLS compte pour zéro. */
function affected(query: Promise<unknown>): Promise<number> {
  return query.then(
    (r) => Number((r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0),
    (e: Error) => (/permission denied|row-level security/.test(causeOf(e)) ? 0 : Promise.reject(e)),
  );
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: Error }).cause;
  return `${error.message} ${cause?.message ?? ''}`;
}
