// Les motifs de rendez-vous sur une vraie base : saisie vérifiée en français, un nom actif unique par structure,
// retirer et remettre tracés, rien d'une autre structure ne se lit ni ne se change.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call } from '../../../test/request';
import { transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { auditEvents } from '../../platform/schema';
import { addMotif, listMotifs, setMotifArchived } from './motifs.server';
import { motifSchema, type MotifInput } from './rules';

const ORGANISATIONS = new Set(['caf', 'dgfip']);
const valid = {
  name: 'Démarches CAF',
  durationMinutes: '30',
  locationType: 'sur_place',
  bookableBy: 'habitants',
  minNoticeMinutes: '60',
  maxDaysAhead: '30',
  organisation: 'caf',
  instructions: 'Apportez votre numéro d’allocataire.',
};
const parse = (over: Record<string, string> = {}) => motifSchema(ORGANISATIONS).safeParse({ ...valid, ...over });
const errorOf = (over: Record<string, string>) => {
  const result = parse(over);
  return result.success ? null : result.error.issues[0]!.message;
};

describe('saisie d’un motif', () => {
  it('lit une saisie complète en valeurs typées', () => {
    expect(parse().data).toEqual({
      name: 'Démarches CAF',
      durationMinutes: 30,
      locationType: 'sur_place',
      bookableBy: 'habitants',
      minNoticeMinutes: 60,
      maxDaysAhead: 30,
      organisation: 'caf',
      instructions: 'Apportez votre numéro d’allocataire.',
    });
    expect(parse({ organisation: '', instructions: '  ' }).data).toMatchObject({ organisation: null, instructions: null });
  });

  it('refuse chaque mauvaise saisie avec un message en français', () => {
    expect(errorOf({ name: ' ' })).toMatch(/Indiquez le nom du motif/);
    expect(errorOf({ durationMinutes: 'trente' })).toMatch(/durée en minutes/);
    expect(errorOf({ durationMinutes: '2' })).toMatch(/au moins 5 minutes/);
    expect(errorOf({ durationMinutes: '300' })).toMatch(/au plus 4 heures/);
    expect(errorOf({ durationMinutes: '32' })).toMatch(/multiple de 5/);
    expect(errorOf({ locationType: 'lune' })).toMatch(/où se tient/);
    expect(errorOf({ bookableBy: 'tous' })).toMatch(/qui peut prendre/);
    expect(errorOf({ minNoticeMinutes: '5' })).toMatch(/délai minimal/);
    expect(errorOf({ maxDaysAhead: '365' })).toMatch(/jusqu’à quand/);
    expect(errorOf({ organisation: 'inconnu' })).toMatch(/organisme de la liste/);
    expect(errorOf({ instructions: 'Mot de passe impots : Soleil2024!' })).toMatch(/mot de passe/i);
  });
});

describe('motifs d’une structure', () => {
  let services: TestServices;
  let manager: Actor;
  let other: Actor;
  const input = (over: Partial<MotifInput> = {}): MotifInput => ({ ...parse().data!, ...over });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    const agents = await makeAgents(services.database, { 'sophie@alpha': 'responsable', 'thomas@beta': 'responsable' });
    manager = agents['sophie@alpha'];
    other = agents['thomas@beta'];
  });
  afterAll(() => services.database.close());

  it('ajoute un motif à la seule structure, refuse un second du même nom (casse comprise), et trace l’ajout', async () => {
    const id = await call(services, manager, addMotif, input());
    expect(id).toEqual(expect.any(String));
    expect(await call(services, manager, addMotif, input({ name: 'DÉMARCHES caf' }))).toBe(false);
    expect((await call(services, manager, ({ tx }) => listMotifs(tx))).map((m) => m.name)).toEqual(['Démarches CAF']);
    expect(await call(services, other, ({ tx }) => listMotifs(tx))).toEqual([]);
    const audit = await transaction(services.database, manager, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'motif_rdv.ajoute')),
    );
    expect(audit.map((a) => a.targetId)).toEqual([id]);
  });

  it('retire puis remet un motif ; une autre structure ne peut ni l’un ni l’autre ; un homonyme actif bloque la remise', async () => {
    const [motif] = await call(services, manager, ({ tx }) => listMotifs(tx));
    expect(await call(services, other, setMotifArchived, motif!.id, true)).toBe('inconnu');
    expect(await call(services, manager, setMotifArchived, motif!.id, true)).toBe('fait');
    expect(await call(services, manager, setMotifArchived, motif!.id, true)).toBe('inconnu');
    // Retiré, son nom se reprend ; le remettre ferait deux motifs actifs du même nom.
    const again = await call(services, manager, addMotif, input({ durationMinutes: 45 }));
    expect(again).toEqual(expect.any(String));
    expect(await call(services, manager, setMotifArchived, motif!.id, false)).toBe('doublon');
    expect(await call(services, manager, setMotifArchived, again as string, true)).toBe('fait');
    expect(await call(services, manager, setMotifArchived, motif!.id, false)).toBe('fait');
    const listed = await call(services, manager, ({ tx }) => listMotifs(tx));
    expect(listed.map((m) => [m.durationMinutes, m.archivedAt === null])).toEqual([
      [30, true],
      [45, false],
    ]);
  });
});
