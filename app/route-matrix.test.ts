// Qui peut ouvrir quelle page : chaque route de app/routes.ts × chaque rôle (plus « sans session » et « agent d'une
// autre structure »), comparé à un tableau écrit d'après docs/roles.md. Une route ajoutée sans sa ligne fait échouer
// le test : le tableau ne se saute pas. Puis, rôle par rôle, chaque lien qu'une page montre mène à une page que ce rôle
// peut ouvrir (ni 403, ni 404, ni erreur) : un lien ajouté demain est suivi le jour même.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import type { TestApp } from '../test/app';
import { prepareDemoRoutes, ROLES_IN_ORDER, routePaths, type Column } from '../test/demo-routes';

const COLUMNS: Column[] = [
  'accueil',
  'mediateur',
  'travailleur_social',
  'responsable',
  'administrateur',
  'partenaire',
  'anonyme',
  'autre_structure',
  'habitant',
];

/**
 * Une ligne : les rôles qui ont accès (« tous » pour tout agent) et ce qu'ils reçoivent ; les autres reçoivent 403,
 * une requête sans session est renvoyée vers la connexion (302), l'agent d'une autre structure (médiateur de Beta)
 * reçoit ce qu'aurait son rôle, sauf `autre` (404 : la donnée d'Alpha n'existe pas pour lui). Un habitant connecté à
 * son espace (portail) est traité comme « sans session » partout ailleurs.
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
  '/administration/motifs': { roles: 'responsable administrateur' },
  '/rendez-vous': { roles: 'accueil mediateur travailleur_social responsable' },
  '/rendez-vous/plages': { roles: 'mediateur travailleur_social responsable' },
  '/rendez-vous/nouveau': { roles: 'accueil mediateur travailleur_social responsable' },
  '/rendez-vous/:id': { roles: 'accueil mediateur travailleur_social responsable', autre: 404 },
  '/rendez-vous/:id/changer': { roles: 'accueil mediateur travailleur_social responsable', autre: 404 },
  '/ateliers': { roles: 'mediateur travailleur_social responsable' },
  '/ateliers/:id': { roles: 'mediateur travailleur_social responsable', autre: 404 },
  '/ateliers/:id/modifier': { roles: 'mediateur travailleur_social responsable', autre: 404 },
  '/ateliers/seances/:id': { roles: 'mediateur travailleur_social responsable', autre: 404 },
  '/ateliers/seances/:id/presences': { roles: 'mediateur travailleur_social responsable', autre: 404 },
  '/personnes/:id/ateliers': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/ateliers/attestation.pdf': { roles: 'mediateur travailleur_social', autre: 404 },
  // Le lien d'annulation reçu par la personne : sans compte.
  '/rendez-vous/annuler/:jeton': { ...PUBLIC },
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
  // Un papier joint par la personne à cette orientation : seul le partenaire qui l'a reçue l'ouvre (PDF).
  '/orientations/recues/:id/papiers/:document': {
    roles: 'partenaire',
    special: { mediateur: 404, travailleur_social: 404, responsable: 404, autre_structure: 404 },
  },
  // Un rendez-vous pris par le partenaire pour la personne de cette orientation, dans l'agenda d'Alpha.
  '/orientations/recues/:id/rendez-vous': {
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
  '/personnes/:id/espace': { roles: 'mediateur travailleur_social', autre: 404 },
  '/demandes-des-habitants': { roles: 'mediateur travailleur_social' },
  // Une ressource de formulaire (POST : le PDF de la carte) : en GET, retour à la page de l'espace.
  '/personnes/:id/espace/carte': { roles: 'mediateur travailleur_social', ok: 302, autre: 302 },
  '/personnes/:id/point-seul': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/coffre': { roles: 'mediateur travailleur_social', autre: 404 },
  '/personnes/:id/coffre/:document': { roles: 'mediateur travailleur_social', autre: 404 },
  // Une ressource de formulaire (POST : le fichier déchiffré, motif exigé) : en GET, retour à la page du papier.
  '/personnes/:id/coffre/:document/fichier': { roles: 'mediateur travailleur_social', ok: 302, autre: 302 },
  // Le portail des habitants : une session d'agent n'y donne rien ; celle d'un habitant, seulement son espace.
  '/mon-espace': { ...PUBLIC, ok: 200, special: { habitant: 302 } },
  // La carte scannée : la page du code secret, ou « cette carte ne marche plus » (ici, un identifiant inconnu).
  '/mon-espace/carte/:jeton': { ...PUBLIC, ok: 200 },
  '/mon-espace/code': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 302 } },
  // FranceConnect n'est pas configuré pour la démonstration : ses pages n'existent pas (le test FranceConnect les essaie).
  '/mon-espace/franceconnect': { roles: '', special: { ...allAgents(404), anonyme: 404, autre_structure: 404, habitant: 404 } },
  '/mon-espace/franceconnect/retour': { roles: '', special: { ...allAgents(404), anonyme: 404, autre_structure: 404, habitant: 404 } },
  '/mon-espace/langue': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 302 } },
  '/mon-espace/deconnexion': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 302 } },
  '/mon-espace/accueil': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/historique': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/mandats': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/mandats/:id': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/mandats/:id/pdf': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/orientations': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/rendez-vous': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/ateliers': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/ateliers/attestation.pdf': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/rendez-vous/prendre': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/parcours': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/parcours/bilan.pdf': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/faire-le-point': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/aide': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/mes-donnees': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/mes-donnees/:fichier': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/coffre/echeances': { roles: 'mediateur travailleur_social' },
  '/mon-espace/papiers': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/papiers/ajouter': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/papiers/partager': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  '/mon-espace/papiers/:id/fichier': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
  // Un partage de papiers à un organisme : la page du lien est publique (ici, le code de la démonstration a déjà servi,
  // elle le dit) ; un papier sans accès ouvert par le code renvoie à cette page.
  '/partage/:jeton': { ...PUBLIC },
  '/partage/:jeton/:document': { ...PUBLIC, ok: 302, anonyme: 302 },
  '/mon-espace/orientations/:id/fiche': { roles: '', special: { ...allAgents(302), anonyme: 302, autre_structure: 302, habitant: 200 } },
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
  // Un habitant connecté n'a pas de session d'agent : hors de son espace, il est un visiteur anonyme.
  if (column === 'habitant') return expected(row, 'anonyme');
  const allowed = row.roles.split(' ').filter(Boolean);
  if (column === 'anonyme') return allowed.includes('anonyme') ? (row.anonyme ?? row.ok ?? 200) : (row.anonyme ?? 302);
  if (column === 'autre_structure') return allowed.includes('mediateur') ? (row.autre ?? row.ok ?? 200) : 403;
  return allowed.includes(column) ? (row.ok ?? 200) : 403;
}

let services: TestServices;
let app: TestApp;
let cookies: Map<Column, string | null>;
let concrete: (path: string) => string;
let freshCookie: (column: Column) => Promise<string | null>;

beforeAll(async () => {
  services = testServices(await createTestDatabase(), { RELAIS_DEMO: '1' });
  ({ app, cookies, concrete, freshCookie } = await prepareDemoRoutes(services));
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

/** Une adresse réduite à sa forme (identifiants, dates et requête effacés) : quelques pages de chaque forme suffisent. */
const shapeOf = (href: string) =>
  href
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/\d{4}-\d{2}(-\d{2})?/g, ':date')
    .replace(/\?.*$/, '?');
// Des fichiers, des ressources et la déconnexion : pas des pages à parcourir.
const NOT_A_PAGE = /^\/(assets|dsfr|fonts|deconnexion)\b|\.(css|svg|ico|png|pdf|csv|xlsx|ics|json)(\?|$)|\/fichier$/;

describe('liens des pages', () => {
  it.each([...ROLES_IN_ORDER, 'habitant'] as Column[])(
    '%s : chaque lien suivi depuis l’accueil mène à une page qu’il peut ouvrir',
    async (column) => {
      // Une session à part : le parcours ne touche pas celles de la matrice.
      const cookie = (await freshCookie(column))!;
      const start = column === 'habitant' ? '/mon-espace/accueil' : '/';
      const queue = [{ href: start, from: '(départ)' }];
      const seen = new Set<string>();
      const shapes = new Map<string, number>();
      const broken: string[] = [];
      while (queue.length > 0 && seen.size < 250) {
        const { href, from } = queue.shift()!;
        if (seen.has(href)) continue;
        seen.add(href);
        const response = await app.fetch(href, { headers: { cookie } });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location?.startsWith('/')) {
          await response.body?.cancel().catch(() => {});
          queue.push({ href: location, from: href });
          continue;
        }
        if (response.status !== 200) broken.push(`${response.status} ${href} (lien de ${from})`);
        if (!response.headers.get('content-type')?.includes('text/html')) {
          await response.body?.cancel().catch(() => {});
          continue;
        }
        for (const [, raw] of (await response.text()).matchAll(/href="(\/[^"#]*)"/g)) {
          const link = raw!.replaceAll('&amp;', '&');
          const shape = shapeOf(link);
          if (NOT_A_PAGE.test(link) || seen.has(link) || (shapes.get(shape) ?? 0) >= 3) continue;
          shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
          queue.push({ href: link, from: href });
        }
      }
      expect(broken).toEqual([]);
      expect(seen.size).toBeGreaterThan(column === 'habitant' ? 10 : 5);
    },
    120_000,
  );
});
