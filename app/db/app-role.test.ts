// Sur un serveur, l'application se connecte avec un rôle qui n'est pas le propriétaire : une injection qui ferait
// RESET ROLE ne retrouverait aucun droit. Dans PGlite (une seule connexion, celle du propriétaire), la limite est
// connue et écrite (décision 017) : le test vérifie qu'elle reste ce qu'on en dit.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { sqlRows, type Database } from './database.server';
import { applicationRoleName, applicationRolePassword } from './app-role.server';
import { transaction } from './transaction.server';

describe("rôle de connexion de l'application", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('nomme un rôle par base, sans caractère spécial, et en déduit un mot de passe stable de la clé maîtresse', () => {
    expect(applicationRoleName('relais_prod-Alpha')).toBe('relais_web_relais_prod_alpha');
    expect(applicationRoleName('x'.repeat(80))).toHaveLength(63);
    const key = Buffer.alloc(32, 1);
    expect(applicationRolePassword(key, 'r')).toBe(applicationRolePassword(Buffer.alloc(32, 1), 'r'));
    expect(applicationRolePassword(key, 'r')).not.toBe(applicationRolePassword(Buffer.alloc(32, 2), 'r'));
  });

  it('après RESET ROLE, une requête de l’application ne lit plus rien (serveur), ou reste propriétaire (PGlite, limite connue)', async () => {
    const escaped = transaction(database, {}, async (tx) => {
      await tx.execute(sql`reset role`);
      return sqlRows<{ user: string; owner: boolean }>(
        tx,
        sql`select current_user as user, pg_has_role(current_user, (select nspowner from pg_namespace where nspname = 'public'), 'USAGE') as owner`,
      );
    });
    if (database.kind === 'postgresql') {
      const [row] = await escaped;
      expect(row!.user).toMatch(/^relais_web_/);
      expect(row!.owner).toBe(false);
      await expect(
        transaction(database, {}, async (tx) => {
          await tx.execute(sql`reset role`);
          return tx.execute(sql`select count(*) from persons`);
        }),
      ).rejects.toMatchObject({ cause: { code: '42501' } }); // permission refusée
    } else {
      const [row] = await escaped;
      expect(database.app).toBe(database.db);
      expect(row!.owner).toBe(true);
    }
  });
});
