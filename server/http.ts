// Le serveur HTTP : en-têtes de sécurité (CSP avec nonce), limites de taille et de débit,
// fichiers statiques (dont le DSFR depuis node_modules), /sante, puis React Router.
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequestHandler } from '@react-router/express';
import { sql } from 'drizzle-orm';
import express, { type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { RouterContextProvider, ServerBuild } from 'react-router';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '../app/capabilities/directory/import-limits';
import { MAX_UPLOAD_BYTES } from '../app/capabilities/vault/vocabulary';
import type { Services } from '../app/platform/services.server';
import { CLIENT_IP_HEADER, errorLogLine, REQUEST_ID_HEADER } from '../app/platform/log';
import { errorPage } from './pages';
import { root } from './root';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Les formulaires qui essaient un secret (mot de passe, code, lien) : leurs envois sont limités par adresse IP. */
const SIGN_IN_PATHS = new Set([
  '/connexion',
  '/connexion/code',
  '/compte/double-authentification',
  '/mot-de-passe-oublie',
  '/mot-de-passe/nouveau',
]);
/** L'import de l'annuaire reçoit un fichier : sa limite est celle du fichier, plus l'enveloppe du formulaire. */
const IMPORT_PATHS = new Set(['/lieux/importer', '/lieux/importer/envoi']);
const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
/** Un papier envoyé au coffre-fort (ou le mandat papier scanné) : sa limite, plus l'enveloppe du formulaire. */
const VAULT_UPLOAD_PATH = /^\/(personnes\/[^/]+\/coffre|mon-espace\/papiers\/ajouter|mandats\/[^/]+)$/;
const MAX_VAULT_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;
/** Au-delà, l'envoi n'est même pas lu jusqu'au bout avant d'être refusé. */
const MAX_DRAINED_BYTES = 200 * 1024 * 1024;
const MAX_DRAINED_FORM_BYTES = 16 * 1024 * 1024;

export interface AppOptions {
  services: Services;
  build: ServerBuild | (() => Promise<ServerBuild>);
  createLoadContext: (services: Services, nonce: string) => RouterContextProvider;
  /** En développement, le middleware de Vite sert les modules à la place de build/client. */
  devMiddleware?: express.RequestHandler;
  /** Vrai dès SIGTERM : /sante répond 503 pour que le répartiteur cesse d'envoyer ici. */
  stopping?: () => boolean;
}

export function createApp({ services, build, createLoadContext, devMiddleware, stopping = () => false }: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY);

  app.use((req, res, next) => {
    res.locals.nonce = crypto.randomBytes(16).toString('base64');
    // Un numéro par requête : il relie une ligne du journal (sans données personnelles) à la page d'erreur.
    const requestId = crypto.randomBytes(6).toString('hex');
    req.headers[REQUEST_ID_HEADER] = requestId;
    req.headers[CLIENT_IP_HEADER] = req.ip ?? '';
    res.setHeader('X-Request-Id', requestId);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", ...(devMiddleware ? ['ws:'] : [])],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          ...(services.config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: services.config.secureCookies,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
    next();
  });

  app.use(limitBodySize);
  // Un envoi venu d'un autre site est refusé ici, en français (React Router le refuserait par un « Bad Request » nu).
  app.use((req, res, next) => {
    const origin = req.get('origin');
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || !origin) return next();
    const own = [`${req.protocol}://${req.get('host')}`, new URL(services.config.publicUrl).origin];
    if (own.includes(origin)) return next();
    res
      .status(403)
      .type('html')
      .send(errorPage(403, 'Envoi refusé', 'Ce formulaire ne provient pas de Relais. Rouvrez la page depuis Relais puis recommencez.'));
  });

  app.get('/sante', async (_req, res) => {
    // Pendant l'arrêt, le répartiteur de charge cesse d'envoyer ici (les requêtes reçues sont servies).
    if (stopping()) return void res.status(503).json({ status: 'arret', database: services.database.kind });
    try {
      await services.database.app.execute(sql`select 1`);
      res.json({ status: 'ok', database: services.database.kind });
    } catch {
      res.status(503).json({ status: 'indisponible', database: services.database.kind });
    }
  });

  // La fonte Marianne est réservée aux sites de l'État : elle n'est pas servie.
  app.use('/dsfr/fonts', (_req, res) => res.status(404).end());
  app.use('/dsfr', express.static(path.join(root, 'node_modules/@gouvfr/dsfr/dist'), { maxAge: '7d', index: false }));

  if (devMiddleware) app.use(devMiddleware);
  else {
    app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h', index: false }));
  }

  const limiter = rateLimit({
    windowMs: 5 * 60_000,
    limit: Number(process.env.SIGNIN_RATE_LIMIT ?? 30),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => req.method !== 'POST',
    handler: (_req, res) =>
      res
        .status(429)
        .type('html')
        .send(errorPage(429, 'Trop de tentatives', 'Trop de tentatives depuis ce poste. Patientez quelques minutes avant de réessayer.')),
  });
  // React Router sert aussi chaque action à « <adresse>.data » (envoi avec JavaScript) : la limite vaut pour toutes
  // les formes de l'adresse, sans quoi un script essaierait mots de passe et codes par la porte d'à côté.
  app.use((req, res, next) => (SIGN_IN_PATHS.has(actionPath(req.path)) ? limiter(req, res, next) : next()));

  app.all(
    '/{*chemin}',
    createRequestHandler({
      build,
      mode: devMiddleware ? 'development' : 'production',
      getLoadContext: (_req, res) => createLoadContext(services, res.locals.nonce as string),
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    console.error(errorLogLine(error, String(req.headers[REQUEST_ID_HEADER] ?? '')));
    if (res.headersSent) return;
    res
      .status(500)
      .type('html')
      .send(errorPage(500, 'Erreur inattendue', "Une erreur s'est produite de notre côté. Réessayez dans un instant."));
  });
  return app;
}

/** Refuse les corps trop gros (413) et ceux dont la taille n'est pas annoncée (411). */
function limitBodySize(req: Request, res: Response, next: NextFunction) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'])
    return res
      .status(411)
      .type('html')
      .send(errorPage(411, 'Envoi refusé', 'La taille des données envoyées doit être annoncée. Réessayez depuis le formulaire.'));
  const size = Number(declared ?? 0);
  const importing = IMPORT_PATHS.has(req.path);
  if (importing && size > MAX_IMPORT_BODY_BYTES && size <= MAX_DRAINED_BYTES) return refuseLargeImport(req, res, size);
  const uploading = VAULT_UPLOAD_PATH.test(req.path);
  if (uploading && size > MAX_VAULT_BODY_BYTES && size <= MAX_DRAINED_BYTES) return refuseLargeUpload(req, res, size);
  if (size > (importing ? MAX_IMPORT_BODY_BYTES : uploading ? MAX_VAULT_BODY_BYTES : MAX_BODY_BYTES)) {
    const refuse = () => {
      res.setHeader('Connection', 'close');
      res
        .status(413)
        .type('html')
        .send(errorPage(413, 'Envoi trop volumineux', 'Les données envoyées dépassent 1 Mo. Réduisez la taille puis réessayez.'));
    };
    // Lu et jeté jusqu'à une taille raisonnable : répondre avant la fin de l'envoi coupe la connexion, et le
    // navigateur montre « connexion interrompue » au lieu de la page française.
    if (size > MAX_DRAINED_FORM_BYTES) return refuse();
    req.resume();
    req.on('end', refuse);
    return;
  }
  next();
}

/**
 * Un fichier trop gros pour l'import : le navigateur termine son envoi (lu et jeté, sans quoi il affiche une
 * connexion coupée), puis la page d'import revient avec la taille du fichier et la limite, en français.
 */
function refuseLargeImport(req: Request, res: Response, size: number) {
  req.resume();
  req.on('end', () => {
    res.setHeader('Connection', 'close');
    if (req.path === '/lieux/importer') res.redirect(303, `/lieux/importer?trop-gros=${size}`);
    else res.status(413).json({ ok: false, error: tooLargeMessage(size) });
  });
}

/** Un papier trop gros : lu et jeté jusqu'au bout, puis retour à la page du coffre-fort, qui dit sa taille et la limite. */
function refuseLargeUpload(req: Request, res: Response, size: number) {
  req.resume();
  req.on('end', () => {
    res.setHeader('Connection', 'close');
    res.redirect(303, `${req.path}?trop-gros=${size}`);
  });
}

/** L'adresse d'une action telle que React Router la comprend : décodée, sans casse, sans « .data » ni « / » final. */
export function actionPath(rawPath: string) {
  let decoded = rawPath;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // Un encodage invalide : React Router ne le routera pas non plus.
  }
  return (
    decoded
      .toLowerCase()
      .replace(/\.data$/, '')
      .replace(/\/+$/, '') || '/'
  );
}
