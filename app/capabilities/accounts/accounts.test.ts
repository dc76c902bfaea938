import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { auditEvents, passwordResetRequests, users } from '../../platform/schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import { deliverPasswordResets, findResetAccount, requestPasswordReset, resetPassword } from './password-reset.server';
import { startEnrolment, verifySecondFactor } from './second-factor.server';
import { readSession } from '../../platform/session.server';
import { chooseStructure, endSession } from './session.server';
import { signIn } from './sign-in.server';
import { callScoped } from '../../../test/request';

const PASSWORD = 'une phrase de passe solide';

describe('connexion des agents', () => {
  let services: TestServices;
  let structures: { alpha: string; beta: string };

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    structures = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien', password: PASSWORD });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      const lea = await makeUser(tx, { email: 'lea@alpha.test', displayName: 'Léa', password: PASSWORD });
      await addMembership(tx, { structureId: alpha.id, userId: lea.id, role: 'mediateur' });
      await addMembership(tx, { structureId: beta.id, userId: lea.id, role: 'responsable' });
      const marc = await makeUser(tx, { email: 'marc@alpha.test', displayName: 'Marc', password: PASSWORD });
      await addMembership(tx, { structureId: alpha.id, userId: marc.id, role: 'mediateur' });
      const demo = await makeUser(tx, { email: 'demo@alpha.test', displayName: 'Démo', password: PASSWORD, isDemo: true });
      await addMembership(tx, { structureId: alpha.id, userId: demo.id, role: 'accueil' });
      return { alpha: alpha.id, beta: beta.id };
    });
  });
  afterAll(() => services.database.close());

  const countResetRequests = () =>
    operatorTransaction(services.database, async (tx) => (await tx.select().from(passwordResetRequests)).length);

  describe('mot de passe', () => {
    it('ouvre une session avec le bon mot de passe', async () => {
      const result = await callScoped(services, signIn, 'julien@alpha.test', PASSWORD);
      expect(result.ok).toBe(true);
      const state = await callScoped(services, readSession, result.ok ? result.token : null);
      expect(state?.user.email).toBe('julien@alpha.test');
      expect(state?.secondFactorRequired).toBe(true);
      expect(state?.secondFactorDone).toBe(false);
    });

    it('répond pareil pour un e-mail inconnu et un mauvais mot de passe', async () => {
      expect(await callScoped(services, signIn, 'inconnu@alpha.test', PASSWORD)).toEqual({ ok: false, error: 'identifiants_invalides' });
      expect(await callScoped(services, signIn, 'lea@alpha.test', 'mauvais mot de passe')).toEqual({
        ok: false,
        error: 'identifiants_invalides',
      });
    });

    it('verrouille un e-mail, connu ou non, après 5 échecs, même avec ensuite le bon mot de passe', async () => {
      for (const email of ['demo@alpha.test', 'personne@alpha.test']) {
        const results = [];
        for (let i = 0; i < 5; i++) results.push((await callScoped(services, signIn, email, 'faux')).ok ? 'ok' : 'échec');
        expect(await callScoped(services, signIn, email, PASSWORD)).toEqual({ ok: false, error: 'verrouille' });
      }
      services.clock.now = new Date(services.clock.now.getTime() + 16 * 60_000);
      expect((await callScoped(services, signIn, 'demo@alpha.test', PASSWORD)).ok).toBe(true);
    });
  });

  describe("essais venus d'ailleurs", () => {
    it("une adresse qui se trompe cinq fois est bloquée, sans bloquer l'agent qui se connecte d'ailleurs", async () => {
      for (let i = 0; i < 5; i++) await callScoped(services, signIn, 'julien@alpha.test', 'faux', '203.0.113.7');
      expect(await callScoped(services, signIn, 'julien@alpha.test', PASSWORD, '203.0.113.7')).toEqual({ ok: false, error: 'verrouille' });
      services.clock.now = new Date(services.clock.now.getTime() + 2_000);
      expect((await callScoped(services, signIn, 'julien@alpha.test', PASSWORD, '198.51.100.20')).ok).toBe(true);
      // L'adresse fautive le reste.
      expect(await callScoped(services, signIn, 'julien@alpha.test', PASSWORD, '203.0.113.7')).toEqual({ ok: false, error: 'verrouille' });
      services.clock.now = new Date(services.clock.now.getTime() + 16 * 60_000);
    });

    it('un essai réparti sur de nombreuses adresses impose au compte un délai croissant, puis le relâche', async () => {
      for (let ip = 1; ip <= 8; ip++)
        for (let i = 0; i < 2; i++) await callScoped(services, signIn, 'marc@alpha.test', `essai-${ip}-${i}`, `192.0.2.${ip}`);
      expect(await callScoped(services, signIn, 'marc@alpha.test', PASSWORD, '198.51.100.99')).toEqual({ ok: false, error: 'verrouille' });
      services.clock.now = new Date(services.clock.now.getTime() + 16 * 60_000);
      expect((await callScoped(services, signIn, 'marc@alpha.test', PASSWORD, '198.51.100.99')).ok).toBe(true);
    });
  });

  describe('second facteur TOTP', () => {
    it("s'enrôle, puis exige un code valide et non rejoué à la connexion suivante", async () => {
      const first = await callScoped(services, signIn, 'julien@alpha.test', PASSWORD);
      const state = (await callScoped(services, readSession, first.ok ? first.token : null))!;
      const { secret, dataUrl } = await callScoped(services, startEnrolment, state);
      expect(dataUrl).toMatch(/^data:image\/png;base64,/);
      const epoch = Math.floor(services.clock.now.getTime() / 1000);
      expect(await callScoped(services, verifySecondFactor, state, '000000', 'enrolement')).toEqual({ ok: false, error: 'code_invalide' });
      const code = await generate({ secret, epoch });
      expect(await callScoped(services, verifySecondFactor, state, code, 'enrolement')).toEqual({ ok: true });
      expect((await callScoped(services, readSession, first.ok ? first.token : null))?.secondFactorDone).toBe(true);
      const enrolled = await operatorTransaction(services.database, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.action, 'compte.double_authentification_activee')),
      );
      expect(enrolled).toHaveLength(1);

      const second = await callScoped(services, signIn, 'julien@alpha.test', PASSWORD);
      const next = (await callScoped(services, readSession, second.ok ? second.token : null))!;
      expect(next.user.totpEnabled).toBe(true);
      expect(next.secondFactorDone).toBe(false);
      // Le même code (même pas de temps) ne sert pas deux fois.
      expect(await callScoped(services, verifySecondFactor, next, code, 'connexion')).toEqual({ ok: false, error: 'code_invalide' });
      services.clock.now = new Date(services.clock.now.getTime() + 30_000);
      const fresh = await generate({ secret, epoch: epoch + 30 });
      expect(await callScoped(services, verifySecondFactor, next, fresh, 'connexion')).toEqual({ ok: true });
      // Un code expiré (5 minutes plus tard) est refusé.
      const third = await callScoped(services, signIn, 'julien@alpha.test', PASSWORD);
      const later = (await callScoped(services, readSession, third.ok ? third.token : null))!;
      services.clock.now = new Date(services.clock.now.getTime() + 5 * 60_000);
      expect(await callScoped(services, verifySecondFactor, later, fresh, 'connexion')).toEqual({ ok: false, error: 'code_invalide' });
    });

    it("bloque le second facteur d'un compte après 5 codes faux, même le bon ensuite, prévient l'agent, et refuse un nouvel enrôlement", async () => {
      const signedIn = async () => {
        const result = await callScoped(services, signIn, 'marc@alpha.test', PASSWORD);
        return (await callScoped(services, readSession, result.ok ? result.token : null))!;
      };
      const state = await signedIn();
      const { secret } = await callScoped(services, startEnrolment, state);
      const epoch = () => Math.floor(services.clock.now.getTime() / 1000);
      expect(await callScoped(services, verifySecondFactor, state, await generate({ secret, epoch: epoch() }), 'enrolement')).toEqual({
        ok: true,
      });
      // L'enrôlement ne sert plus à essayer des codes une fois le second facteur actif.
      expect(await callScoped(services, verifySecondFactor, state, '123456', 'enrolement')).toEqual({ ok: false, error: 'deja_active' });

      const attacker = await signedIn();
      services.sent.length = 0;
      const answers = [];
      for (let i = 0; i < 5; i++)
        answers.push((await callScoped(services, verifySecondFactor, attacker, String(100000 + i), 'connexion')).ok);
      expect(answers).toEqual([false, false, false, false, false]);
      services.clock.now = new Date(services.clock.now.getTime() + 30_000);
      const good = await generate({ secret, epoch: epoch() });
      // Bloqué pour le compte, d'où que vienne le code (une autre session, une autre adresse).
      expect(await callScoped(services, verifySecondFactor, await signedIn(), good, 'connexion')).toEqual({
        ok: false,
        error: 'verrouille',
      });
      expect(services.sent.map((m) => [m.to, m.subject])).toEqual([
        ['marc@alpha.test', 'Relais — votre double authentification est bloquée'],
      ]);
      const locks = await operatorTransaction(services.database, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.action, 'compte.second_facteur_bloque')),
      );
      expect(locks.length).toBeGreaterThan(0);
      services.clock.now = new Date(services.clock.now.getTime() + 16 * 60_000);
      const later = await generate({ secret, epoch: epoch() });
      expect(await callScoped(services, verifySecondFactor, await signedIn(), later, 'connexion')).toEqual({ ok: true });
    });

    it('ne le demande pas aux comptes de démonstration en mode démonstration', async () => {
      const demoServices = { ...services, config: { ...services.config, demo: true } };
      const result = await callScoped(demoServices, signIn, 'demo@alpha.test', PASSWORD);
      const state = await callScoped(demoServices, readSession, result.ok ? result.token : null);
      expect(state?.secondFactorDone).toBe(true);
      const strict = await callScoped(services, readSession, result.ok ? result.token : null);
      expect(strict?.secondFactorDone).toBe(false);
    });
  });

  describe('sessions', () => {
    it("choisit la structure active parmi les siennes seulement, et trace l'ouverture", async () => {
      const result = await callScoped(services, signIn, 'lea@alpha.test', PASSWORD);
      const token = result.ok ? result.token : null;
      const state = (await callScoped(services, readSession, token))!;
      expect(state.memberships.map((m) => m.structureName)).toEqual(["CCAS d'Alpha", 'CCAS de Beta']);
      expect(state.active).toBeNull();
      expect(await callScoped(services, chooseStructure, state, '00000000-0000-4000-8000-000000000000')).toEqual({
        ok: false,
        error: 'structure_inconnue',
      });
      await callScoped(services, chooseStructure, state, structures.beta);
      expect((await callScoped(services, readSession, token))?.active).toMatchObject({ structureSlug: 'beta', role: 'responsable' });
      const audit = await operatorTransaction(services.database, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.structureId, structures.beta)),
      );
      expect(audit.map((a) => a.action)).toContain('session.ouverte');
      await callScoped(services, endSession, token);
      const after = await operatorTransaction(services.database, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.structureId, structures.beta)),
      );
      expect(after.map((a) => a.action)).toEqual(['session.ouverte', 'session.fermee']);
    });

    it("expire après l'inactivité et à la déconnexion", async () => {
      const result = await callScoped(services, signIn, 'lea@alpha.test', PASSWORD);
      const token = result.ok ? result.token : null;
      services.clock.now = new Date(services.clock.now.getTime() + 61 * 60_000);
      expect(await callScoped(services, readSession, token)).toBeNull();
      const again = await callScoped(services, signIn, 'lea@alpha.test', PASSWORD);
      const next = again.ok ? again.token : null;
      expect(await callScoped(services, readSession, next)).not.toBeNull();
      await callScoped(services, endSession, next);
      expect(await callScoped(services, readSession, next)).toBeNull();
    });

    it('ignore un jeton inconnu', async () => {
      expect(await callScoped(services, readSession, 'jeton-invente')).toBeNull();
    });
  });

  describe('mot de passe oublié', () => {
    it('envoie un lien à usage unique, qui change le mot de passe et ferme les sessions', async () => {
      const before = await callScoped(services, signIn, 'lea@alpha.test', PASSWORD);
      const count = services.sent.length;
      await callScoped(services, requestPasswordReset, 'lea@alpha.test');
      await callScoped(services, requestPasswordReset, 'lea@alpha.test');
      // Rien ne part dans la requête : le worker envoie un seul lien pour les deux demandes.
      expect(services.sent).toHaveLength(count);
      expect(await deliverPasswordResets(services)).toBe(1);
      expect(services.sent).toHaveLength(count + 1);
      const mail = services.sent.at(-1)!;
      expect(mail.to).toBe('lea@alpha.test');
      const token = decodeURIComponent(/jeton=([^\s]+)/.exec(mail.text)![1]!);
      expect(await callScoped(services, findResetAccount, token)).toMatchObject({ email: 'lea@alpha.test' });
      expect(await callScoped(services, resetPassword, token, 'un tout nouveau secret')).toMatchObject({ ok: true });
      expect(await callScoped(services, readSession, before.ok ? before.token : null)).toBeNull();
      expect(await callScoped(services, resetPassword, token, 'encore un autre secret')).toEqual({ ok: false, error: 'lien_expire' });
      expect((await callScoped(services, signIn, 'lea@alpha.test', 'un tout nouveau secret')).ok).toBe(true);
      // Tracé dans chacune de ses deux structures.
      const traces = await operatorTransaction(services.database, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.action, 'compte.mot_de_passe_change')),
      );
      expect(traces.map((t) => t.structureId).sort()).toEqual([structures.alpha, structures.beta].sort());
    });

    it("n'envoie rien pour un e-mail inconnu, et la requête écrit la même chose que pour un compte réel", async () => {
      const count = services.sent.length;
      const writes = async (email: string) => {
        const before = await countResetRequests();
        await callScoped(services, requestPasswordReset, email);
        return (await countResetRequests()) - before;
      };
      expect(await writes('inconnu@alpha.test')).toBe(1);
      expect(await writes('julien@alpha.test')).toBe(1);
      expect(services.sent).toHaveLength(count);
      expect(await deliverPasswordResets(services)).toBe(1);
      expect(services.sent.slice(count).map((m) => m.to)).toEqual(['julien@alpha.test']);
      expect(await countResetRequests()).toBe(0);
    });

    it('n’envoie pas plus d’un lien toutes les 10 minutes au même compte, quel que soit le nombre de demandes', async () => {
      const before = services.sent.filter((m) => m.to === 'marc@alpha.test').length;
      const mine = () => services.sent.filter((m) => m.to === 'marc@alpha.test').length - before;
      await callScoped(services, requestPasswordReset, 'marc@alpha.test');
      await deliverPasswordResets(services);
      expect(mine()).toBe(1);
      services.clock.now = new Date(services.clock.now.getTime() + 5 * 60_000);
      for (let i = 0; i < 5; i++) await callScoped(services, requestPasswordReset, 'marc@alpha.test');
      await deliverPasswordResets(services);
      expect(mine()).toBe(1);
      services.clock.now = new Date(services.clock.now.getTime() + 6 * 60_000);
      await callScoped(services, requestPasswordReset, 'marc@alpha.test');
      await deliverPasswordResets(services);
      expect(mine()).toBe(2);
    });

    it("garde la demande quand l'envoi échoue, et l'envoie au tour suivant", async () => {
      await callScoped(services, requestPasswordReset, 'lea@alpha.test');
      const mail = services.mail;
      services.mail = () => Promise.reject(new Error('SMTP indisponible'));
      try {
        expect(await deliverPasswordResets(services)).toBe(0);
      } finally {
        services.mail = mail;
      }
      expect(await countResetRequests()).toBe(1);
      expect(await deliverPasswordResets(services)).toBe(1);
    });

    it("ne laisse pas l'application relire les demandes (seul le worker les reprend)", async () => {
      await callScoped(services, requestPasswordReset, 'lea@alpha.test');
      await expect(transaction(services.database, {}, (tx) => tx.select().from(passwordResetRequests))).rejects.toThrow();
      await deliverPasswordResets(services);
    });

    it('refuse un lien expiré', async () => {
      await callScoped(services, requestPasswordReset, 'julien@alpha.test');
      await deliverPasswordResets(services);
      const token = decodeURIComponent(/jeton=([^\s]+)/.exec(services.sent.at(-1)!.text)![1]!);
      services.clock.now = new Date(services.clock.now.getTime() + 61 * 60_000);
      expect(await callScoped(services, findResetAccount, token)).toBeNull();
      expect(await callScoped(services, resetPassword, token, 'un tout nouveau secret')).toEqual({ ok: false, error: 'lien_expire' });
    });

    it('ne stocke ni le mot de passe ni le secret TOTP en clair', async () => {
      const [row] = await operatorTransaction(services.database, (tx) =>
        tx.select().from(users).where(eq(users.email, 'julien@alpha.test')),
      );
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row!.totpSecret).toMatch(/^v1\./);
    });
  });
});
