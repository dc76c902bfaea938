// Qui peut ouvrir quelle page : chaque route de app/routes.ts × chaque rôle (plus « sans session » et « agent d'une
// autre structure »), comparé à un tableau écrit d'après docs/roles.md. Une route ajoutée sans sa ligne fait échouer
// le test : le tableau ne se saute pas.
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import routes from './routes';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import { agentCookie, startApp, type TestApp } from '../test/app';
import { DEMO_ACCOUNTS, seedDemo } from './capabilities/demo/seed-demo.server';
import { signPartnerLink } from './capabilities/referrals/partner-link.server';
import { diagnoses, planSteps } from './capabilities/diagnosis/schema';
import { places } from './capabilities/directory/schema';
import { mandates } from './capabilities/mandates/schema';
import { memberships, structures, users } from './platform/schema';
import { persons } from './capabilities/reception/schema';
import { referralHandoffs, referralLinks, referrals } from './capabilities/referrals/schema';
import { operatorTransaction } from './db/transaction.server';
import type { Role } from './platform/policies';

type Column = Role | 'anonyme' | 'autre_structure';
const COLUMNS: Column[] = [
  'accueil',
  'mediateur',
  'travailleur_social',
  'responsable',
  'administrateur',
  'partenaire',
  'anonyme',
  'autre_structure',
];

/**
 * Une ligne : les rôles qui ont accès (« tous » pour tout agent) et ce qu'ils reçoivent ; les autres reçoivent 403,
 * une requête sans session est renvoyée vers la connexion (302), l'agent d'une autre structure (médiateur de Beta)
 * reçoit ce qu'aurait son rôle, sauf `autre` (404 : la donnée d'Alpha n'existe pas pour lui).
 */
interface Row {
  roles: string;
  ok?: number;
  anonyme?: number;
  autre?: number;
  /** Rôles qui reçoivent autre chose que `ok` ou 403 (ex. : une redirection). */
  special?: Partial<Record<Column, number>>;
}

const EVERYONE = 'accueil mediateur travailleur_social responsable administrateur partenaire';
const PUBLIC = { roles: `${EVERYONE} anonyme`, anonyme: 200 };

/** Chemin de route → ligne du tableau. Les paramètres sont remplacés par des données d'Alpha (voir `concrete`). */
const MATRIX: Record<string, Row> = {
  '/': { roles: EVERYONE },
  '/connexion': { ...PUBLIC, special: connectedRedirect() },
  '/connexion/code': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302 } },
  // Un agent sans second facteur peut l'activer à tout moment (les comptes de démonstration n'en ont pas).
  '/compte/double-authentification': { roles: EVERYONE },
  '/mot-de-passe-oublie': PUBLIC,
  '/mot-de-passe/nouveau': { ...PUBLIC, ok: 200 },
  '/deconnexion': { ...PUBLIC, ok: 302, anonyme: 302 },
  '/structure': { roles: '', special: { ...allAgents(200), anonyme: 302, autre_structure: 200 } },
  '/administration/utilisateurs': { roles: 'administrateur' },
  '/administration/structure': { roles: 'administrateur' },
  '/administration/partenariats': { roles: 'administrateur' },
  '/administration/organismes': { roles: 'responsable administrateur' },
  '/administration/journal': { roles: 'responsable administrateur' },
  '/administration/envois': { roles: 'responsable administrateur' },
  '/accueil': { roles: 'accueil mediateur travailleur_social' },
  '/accueil/evenements': { roles: 'accueil mediateur travailleur_social' },
  '/sollicitations': { roles: 'accueil mediateur travailleur_social responsable' },
  '/sollicitations/nouvelle': { roles: 'accueil mediateur travailleur_social' },
  '/personnes/:id': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/modifier': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/mandats': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/mandats/nouveau': { roles: 'mediateur travailleur_social', autre: 404 },
  '/mandats': { roles: 'mediateur travailleur_social' },
  '/mandats/:id': { roles: 'mediateur travailleur_social', autre: 404 },
  '/mandats/:id/pdf': { roles: 'mediateur travailleur_social', autre: 404 },
  '/lieux': { roles: EVERYONE },
  '/lieux/nouveau': { roles: 'responsable administrateur partenaire' },
  '/lieux/importer': { roles: 'responsable administrateur partenaire' },
  '/lieux/importer/envoi': { roles: 'responsable administrateur partenaire', ok: 405 },
  '/lieux/export/:fichier': { roles: EVERYONE },
  // L'annuaire est celui de chaque structure : le lieu d'Alpha n'existe pas pour la médiathèque.
  '/lieux/:id': { roles: EVERYONE, autre: 404, special: { partenaire: 404 } },
  '/lieux/:id/modifier': { roles: 'responsable administrateur partenaire', special: { partenaire: 404 } },
  '/personnes/:id/orienter': { roles: 'mediateur travailleur_social', autre: 404 },
  '/orientations': { roles: 'mediateur travailleur_social responsable partenaire' },
  '/orientations/:id': { roles: 'mediateur travailleur_social', autre: 404 },
  '/orientations/:id/fiche.pdf': { roles: 'mediateur travailleur_social', autre: 404 },
  // Reçue par la médiathèque : les agents d'Alpha (qui ont le droit de recevoir) ne la trouvent pas chez eux.
  '/orientations/recues/:id': {
    roles: 'partenaire',
    special: { mediateur: 404, travailleur_social: 404, responsable: 404, autre_structure: 404 },
  },
  '/lien/orientation/:jeton': { ...PUBLIC },
  '/personnes/:id/diagnostic': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/parcours': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/etapes/:etape': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/pair-aidant': { roles: 'mediateur travailleur_social', autre: 404 },
  '/diagnostics': { roles: 'mediateur travailleur_social responsable' },
  '/diagnostics/:id': { roles: 'mediateur travailleur_social', autre: 404 },
  '/diagnostics/:id/synthese.pdf': { roles: 'mediateur travailleur_social', autre: 404 },
  '/pairs-aidants': { roles: 'mediateur travailleur_social' },
  '/pilotage': { roles: 'mediateur travailleur_social responsable' },
  '/pilotage/export/:fichier': { roles: 'mediateur travailleur_social responsable' },
  '/pilotage/rapport-annuel': { roles: 'responsable' },
  '/pilotage/rapport-annuel/:fichier': { roles: 'responsable' },
  '/donnees-ouvertes/:fichier': { roles: `${EVERYONE} anonyme`, ok: 404, anonyme: 404 },
  '/*': { roles: `${EVERYONE} anonyme`, ok: 404, anonyme: 404 },
};

/** Un agent déjà connecté qui revient sur la page de connexion est renvoyé vers son tableau de bord. */
function connectedRedirect(): Partial<Record<Column, number>> {
  return { ...allAgents(302), autre_structure: 302 };
}
function allAgents(status: number): Partial<Record<Column, number>> {
  return Object.fromEntries(EVERYONE.split(' ').map((role) => [role, status]));
}

function expected(row: Row, column: Column): number {
  if (row.special?.[column] !== undefined) return row.special[column]!;
  const allowed = row.roles.split(' ').filter(Boolean);
  if (column === 'anonyme') return allowed.includes('anonyme') ? (row.anonyme ?? row.ok ?? 200) : (row.anonyme ?? 302);
  if (column === 'autre_structure') return allowed.includes('mediateur') ? (row.autre ?? row.ok ?? 200) : 403;
  return allowed.includes(column) ? (row.ok ?? 200) : 403;
}

/** Les chemins de app/routes.ts, dans la syntaxe de ce tableau. */
function routePaths(): string[] {
  const paths: string[] = [];
  for (const entry of routes as Array<{ path?: string; index?: boolean }>) paths.push(entry.index ? '/' : `/${entry.path}`);
  return paths;
}

let services: TestServices;
let app: TestApp;
const cookies = new Map<Column, string | null>();
let concrete: (path: string) => string;

beforeAll(async () => {
  services = testServices(await createTestDatabase(), { RELAIS_DEMO: '1' });
  await seedDemo(services.database, {
    small: true,
    today: services.now(),
    links: { masterKey: services.masterKey, config: services.config },
  });
  app = await startApp(services);
  const ids = await operatorTransaction(services.database, async (tx) => {
    const [alpha] = await tx.select().from(structures).where(eq(structures.slug, 'alpha'));
    const alphaId = alpha!.id;
    const [diagnosis] = await tx.select().from(diagnoses).where(eq(diagnoses.structureId, alphaId)).limit(1);
    const [step] = await tx.select().from(planSteps).where(eq(planSteps.personId, diagnosis!.personId)).limit(1);
    const [mandate] = await tx.select().from(mandates).where(eq(mandates.structureId, alphaId)).limit(1);
    const [place] = await tx.select().from(places).where(eq(places.structureId, alphaId)).limit(1);
    const [referral] = await tx.select().from(referrals).where(eq(referrals.structureId, alphaId)).limit(1);
    const [library] = await tx.select().from(structures).where(eq(structures.slug, 'mediatheque-alpha'));
    const [handoff] = await tx.select().from(referralHandoffs).where(eq(referralHandoffs.structureId, library!.id)).limit(1);
    const [link] = await tx.select().from(referralLinks).where(isNotNull(referralLinks.id)).limit(1);
    const [person] = await tx.select().from(persons).where(eq(persons.id, diagnosis!.personId));
    const members = await tx
      .select({ email: users.email, userId: users.id, structureId: memberships.structureId })
      .from(memberships)
      .innerJoin(users, and(eq(users.id, memberships.userId)));
    return { alphaId, person, diagnosis, step, mandate, place, referral, handoff, link, members };
  });
  const token = signPartnerLink(services.masterKey, ids.link!.id, ids.link!.expiresAt);
  concrete = (path) =>
    path
      .replace('/personnes/:id', `/personnes/${ids.person!.id}`)
      .replace(':etape', ids.step!.id)
      .replace('/mandats/:id', `/mandats/${ids.mandate!.id}`)
      .replace('/lieux/export/:fichier', '/lieux/export/lieux.csv')
      .replace('/lieux/:id', `/lieux/${ids.place!.id}`)
      .replace('/orientations/recues/:id', `/orientations/recues/${ids.handoff!.id}`)
      .replace('/orientations/:id', `/orientations/${ids.referral!.id}`)
      .replace(':jeton', encodeURIComponent(token))
      .replace('/diagnostics/:id', `/diagnostics/${ids.diagnosis!.id}`)
      .replace('/pilotage/export/:fichier', '/pilotage/export/indicateurs.csv')
      .replace('/pilotage/rapport-annuel/:fichier', `/pilotage/rapport-annuel/${services.now().getFullYear() - 1}.pdf`)
      .replace('/donnees-ouvertes/:fichier', '/donnees-ouvertes/alpha.csv')
      .replace('/*', '/cette-page-n-existe-pas');
  const sessionOf = async (email: string) => {
    const member = ids.members.find((m) => m.email === email)!;
    return agentCookie(services, member);
  };
  for (const role of ['accueil', 'mediateur', 'travailleur_social', 'responsable', 'administrateur', 'partenaire'] as const)
    cookies.set(role, await sessionOf(DEMO_ACCOUNTS.find((a) => a.role === role && a.structure !== 'beta')!.email));
  cookies.set('autre_structure', await sessionOf('mediation@beta.test'));
  cookies.set('anonyme', null);
}, 120_000);

afterAll(() => services.database.close());

describe('matrice des routes et des rôles', () => {
  it('a une ligne pour chaque route de app/routes.ts, et aucune ligne de trop', () => {
    expect(routePaths().filter((path) => !(path in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((path) => !routePaths().includes(path))).toEqual([]);
  });

  it.each(routePaths())('%s répond à chaque rôle comme le tableau le dit', async (path) => {
    const row = MATRIX[path];
    if (!row) throw new Error(`Route sans ligne dans la matrice : ${path}`);
    const seen: Partial<Record<Column, number>> = {};
    const wanted: Partial<Record<Column, number>> = {};
    for (const column of COLUMNS) {
      const cookie = cookies.get(column);
      const abort = new AbortController();
      const response = await app.fetch(concrete(path), { headers: cookie ? { cookie } : {}, signal: abort.signal });
      abort.abort();
      await response.body?.cancel().catch(() => {});
      seen[column] = response.status;
      wanted[column] = expected(row, column);
    }
    expect(seen).toEqual(wanted);
  });
});
