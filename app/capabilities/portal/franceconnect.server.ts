// La connexion d'un habitant par FranceConnect (openid-client), quand l'exploitant l'a configurée. La première fois,
// l'identité qui ressemble à une seule fiche avec un espace ouvert (prénom, nom, année de naissance) attend que le
// médiateur confirme que c'est bien la personne ; ensuite FranceConnect suffit. Aucune identité ne ressemble, ou
// plusieurs : rien n'est rattaché, la page le dit. Seule l'empreinte de l'identifiant FranceConnect est gardée.
import * as oidc from 'openid-client';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { Config } from '../../platform/config.server';
import { franceConnectCookie, franceConnectSessionCookie } from '../../platform/cookies.server';
import { decrypt, encrypt } from '../../platform/crypto.server';
import type { RequestContext, RequestScope } from '../../platform/request.server';
import type { Services } from '../../platform/services.server';
import { dateFormat } from '../../platform/time';
import { residentIdentities } from './schema';
import { createResidentSession } from './sessions.server';
import { portalDigest } from './sign-in.server';

type FranceConnect = NonNullable<Config['franceConnect']>;

export const FRANCECONNECT_CALLBACK = '/mon-espace/franceconnect/retour';
/** Les données d'identité demandées : de quoi reconnaître la fiche, rien de plus (ni adresse, ni lieu de naissance). */
const SCOPES = 'openid given_name family_name birthdate';

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** La configuration du fournisseur (découverte une fois par processus ; refaite après un échec). */
function configurationOf(fc: FranceConnect) {
  const key = `${fc.issuer} ${fc.clientId}`;
  let pending = configurations.get(key);
  if (!pending) {
    const local = new URL(fc.issuer).protocol === 'http:';
    pending = oidc.discovery(new URL(fc.issuer), fc.clientId, fc.clientSecret, oidc.ClientSecretPost(fc.clientSecret), {
      // Les signatures du jeton d'identité et de la réponse userinfo (un JWT chez FranceConnect v2) sont vérifiées.
      execute: local ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks],
    });
    pending.catch(() => configurations.delete(key));
    configurations.set(key, pending);
  }
  return pending;
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  sharedComputer: boolean;
}

/** L'adresse de FranceConnect où envoyer la personne, et le cookie chiffré qui garde ce qu'il faudra vérifier au retour. */
export async function startFranceConnect(services: Services, sharedComputer: boolean) {
  const fc = services.config.franceConnect!;
  const configuration = await configurationOf(fc);
  const pending: Pending = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    sharedComputer,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${services.config.publicUrl}${FRANCECONNECT_CALLBACK}`,
    scope: SCOPES,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    acr_values: 'eidas1',
    // Sur un ordinateur partagé, FranceConnect redemande toujours l'identification : la session FranceConnect de la
    // personne d'avant (restée ouverte après une déconnexion automatique) ne sert pas à la suivante.
    ...(sharedComputer ? { prompt: 'login' } : {}),
  });
  const cookie = await franceConnectCookie(services.config.secureCookies).serialize(encrypt(services.rootKey, JSON.stringify(pending)));
  return { url: url.href, cookie };
}

export const clearFranceConnect = (services: Services) => franceConnectCookie(services.config.secureCookies).serialize('', { maxAge: 0 });

async function readPending(services: Services, cookieHeader: string | null): Promise<Pending | null> {
  const sealed = await franceConnectCookie(services.config.secureCookies).parse(cookieHeader);
  if (typeof sealed !== 'string' || !sealed) return null;
  try {
    const value = JSON.parse(decrypt(services.rootKey, sealed)) as Partial<Pending>;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.verifier === 'string'
      ? { state: value.state, nonce: value.nonce, verifier: value.verifier, sharedComputer: value.sharedComputer === true }
      : null;
  } catch {
    return null;
  }
}

export interface Identity {
  subject: string;
  givenName: string;
  familyName: string;
  birthdate: string;
  /** Le jeton d'identité, pour fermer la session FranceConnect à la déconnexion (id_token_hint). */
  idToken?: string;
}

/** L'identité rendue par FranceConnect au retour ; null si le retour n'est pas le sien (état, annulation, erreur). */
export async function identityFromCallback(services: Services, callbackUrl: URL, cookieHeader: string | null): Promise<Identity | null> {
  const pending = await readPending(services, cookieHeader);
  if (!pending) return null;
  try {
    const configuration = await configurationOf(services.config.franceConnect!);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const subject = tokens.claims()!.sub;
    const info = await oidc.fetchUserInfo(configuration, tokens.access_token, subject);
    const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 200) : '');
    return {
      subject,
      givenName: text(info.given_name),
      familyName: text(info.family_name),
      birthdate: text(info.birthdate),
      idToken: tokens.id_token,
    };
  } catch {
    return null;
  }
}

/** Le cookie qui garde (chiffré) le jeton d'identité de la session, le temps de la session. */
export const franceConnectSession = (services: Services, idToken: string) =>
  franceConnectSessionCookie(services.config.secureCookies).serialize(encrypt(services.rootKey, idToken));

/**
 * À la déconnexion d'une session ouverte par FranceConnect : l'adresse qui ferme aussi la session FranceConnect et
 * revient à la page de connexion ; null sans FranceConnect ou sans jeton (la déconnexion se fait alors sans lui).
 */
export async function franceConnectLogoutUrl(services: Services, cookieHeader: string | null, returnTo: string) {
  if (!services.config.franceConnect) return null;
  const sealed = await franceConnectSessionCookie(services.config.secureCookies).parse(cookieHeader);
  if (typeof sealed !== 'string' || !sealed) return null;
  try {
    const configuration = await configurationOf(services.config.franceConnect);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: decrypt(services.rootKey, sealed),
      post_logout_redirect_uri: returnTo,
      state: oidc.randomState(),
    }).href;
  } catch {
    return null;
  }
}

export const clearFranceConnectSession = (services: Services) =>
  franceConnectSessionCookie(services.config.secureCookies).serialize('', { maxAge: 0 });

export const sharedComputerOf = async (services: Services, cookieHeader: string | null) =>
  (await readPending(services, cookieHeader))?.sharedComputer ?? false;

export type FranceConnectOutcome =
  { ok: true; token: string } | { ok: false; problem: 'inconnu' | 'plusieurs' | 'a_confirmer' | 'en_attente' };

// À midi UTC : le même jour dans tous les fuseaux de France.
const birthday = dateFormat({ dateStyle: 'long' });

/** L'identité telle que le médiateur la lit pour confirmer : « Élodie Anne Martin, née ou né le 2 mars 1975 ». */
export function claimedIdentity(identity: Pick<Identity, 'givenName' | 'familyName' | 'birthdate'>) {
  const born = /^\d{4}-\d{2}-\d{2}$/.test(identity.birthdate) ? birthday.format(new Date(`${identity.birthdate}T12:00:00Z`)) : '?';
  return `${identity.givenName} ${identity.familyName}, née ou né le ${born}`;
}

const birthYearOf = (birthdate: string) => (/^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? Number(birthdate.slice(0, 4)) : null);

/**
 * Ce que devient une identité FranceConnect : rattachée et confirmée, elle ouvre une session ; rattachée sans
 * confirmation, elle attend ; sinon, elle ressemble à une seule fiche (rattachement à confirmer), à aucune ou à
 * plusieurs (rien n'est écrit).
 */
export async function signInWithIdentity(scope: RequestScope, identity: Identity, sharedComputer: boolean): Promise<FranceConnectOutcome> {
  const { tx, services } = scope;
  const subjectHash = portalDigest(services.rootKey, 'franceconnect', identity.subject);
  const links = await sqlRows<{ structure_id: string; space_id: string; person_id: string; confirmed: boolean }>(
    tx,
    sql`select structure_id, space_id, person_id, confirmed from relais_identity_links('franceconnect', ${subjectHash})`,
  );
  const confirmed = links.find((link) => link.confirmed);
  if (confirmed) {
    const token = await createResidentSession(
      scope,
      { structureId: confirmed.structure_id, spaceId: confirmed.space_id, personId: confirmed.person_id },
      sharedComputer,
    );
    return { ok: true, token };
  }
  if (links.length > 0) return { ok: false, problem: 'en_attente' };
  const year = birthYearOf(identity.birthdate);
  if (year === null || !identity.givenName || !identity.familyName) return { ok: false, problem: 'inconnu' };
  const matches = await sqlRows<{ structure_id: string; space_id: string; person_id: string }>(
    tx,
    sql`select structure_id, space_id, person_id from relais_spaces_for_identity(${identity.givenName}, ${identity.familyName}, ${year})`,
  );
  if (matches.length === 0) return { ok: false, problem: 'inconnu' };
  if (matches.length > 1) return { ok: false, problem: 'plusieurs' };
  const [match] = matches;
  await applySettings(tx, { structureId: match!.structure_id });
  await tx.insert(residentIdentities).values({
    structureId: match!.structure_id,
    spaceId: match!.space_id,
    personId: match!.person_id,
    provider: 'franceconnect',
    subjectHash,
    claimed: claimedIdentity(identity),
  });
  await applySettings(tx, { structureId: null });
  return { ok: false, problem: 'a_confirmer' };
}

/** Côté médiateur : les identités FranceConnect rattachées à l'espace de la personne, en attente ou confirmées. */
export function identitiesOf({ tx, actor }: RequestContext, personId: string) {
  return tx
    .select({
      id: residentIdentities.id,
      claimed: residentIdentities.claimed,
      confirmedAt: residentIdentities.confirmedAt,
      createdAt: residentIdentities.createdAt,
    })
    .from(residentIdentities)
    .where(and(eq(residentIdentities.structureId, actor.structureId), eq(residentIdentities.personId, personId)))
    .orderBy(residentIdentities.createdAt);
}

/**
 * Le médiateur confirme (devant la personne) que l'identité FranceConnect est la sienne, ou la refuse. L'identité
 * montrée pour confirmer est effacée ; un refus efface le rattachement. false si rien n'attendait.
 */
export async function decideIdentity({ tx, actor, now }: RequestContext, personId: string, identityId: string, confirm: boolean) {
  const mine = and(
    eq(residentIdentities.structureId, actor.structureId),
    eq(residentIdentities.personId, personId),
    eq(residentIdentities.id, identityId),
    isNull(residentIdentities.confirmedAt),
  );
  const changed = confirm
    ? await tx
        .update(residentIdentities)
        .set({ confirmedAt: now, confirmedBy: actor.userId, claimed: null })
        .where(mine)
        .returning({ id: residentIdentities.id })
    : await tx.delete(residentIdentities).where(mine).returning({ id: residentIdentities.id });
  if (changed.length === 0) return false;
  await recordAudit(tx, actor, confirm ? 'franceconnect.confirme' : 'franceconnect.refuse', { type: 'personne', id: personId });
  return true;
}
