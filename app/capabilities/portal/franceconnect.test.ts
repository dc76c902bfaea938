// La connexion par FranceConnect de bout en bout, contre un vrai fournisseur OpenID Connect local (oidc-provider) :
// openid-client découvre le fournisseur, l'autorisation part avec état, nonce et PKCE, le retour est vérifié, l'identité
// lue (userinfo). Première fois : la fiche qui ressemble (prénom, nom, année, sans accents ni majuscules) attend le
// médiateur ; personne ou plusieurs personnes trouvées : rien n'est rattaché ; confirmée, FranceConnect ouvre la
// session ; refusée ou espace fermé, plus rien.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/app';
import { csrfCookie as csrfCookieOf } from '../../platform/cookies.server';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { startOidcProvider, type LocalOidcProvider, type OidcAccount } from '../../../test/oidc-provider';
import { call } from '../../../test/request';
import { addMembership, makeStructure, makeUser } from '../../db/builders.server';
import { operatorTransaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { makePerson } from '../reception/builders.server';
import { fr } from './locales/fr';
import { decideIdentity, FRANCECONNECT_CALLBACK, identitiesOf } from './franceconnect.server';
import { residentIdentities, residentSessions, residentSpaces } from './schema';
import { closeSpace } from './spaces.server';

const ORIGIN = 'http://relais.test';
const PROBLEMS = fr.franceconnect.problemes;
const ELODIE: OidcAccount = { given_name: 'ÉLODIE Anne', family_name: 'martin', birthdate: '1975-03-02' };

describe('connexion par FranceConnect (fournisseur OIDC local)', () => {
  let provider: LocalOidcProvider;
  let services: TestServices;
  let app: TestApp;
  let mediator: Actor;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    provider = await startOidcProvider(`${ORIGIN}${FRANCECONNECT_CALLBACK}`, `${ORIGIN}/mon-espace?fin=deconnexion`);
    services = testServices(await createTestDatabase(), {
      PUBLIC_URL: ORIGIN,
      FRANCECONNECT_ISSUER: provider.issuer,
      FRANCECONNECT_CLIENT_ID: provider.clientId,
      FRANCECONNECT_CLIENT_SECRET: provider.clientSecret,
    });
    mediator = await operatorTransaction(services.database, async (tx) => {
      const alpha = await makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" });
      const beta = await makeStructure(tx, { slug: 'beta', name: 'CCAS de Beta' });
      const julien = await makeUser(tx, { email: 'julien@alpha.test', displayName: 'Julien Martin' });
      const basile = await makeUser(tx, { email: 'basile@beta.test', displayName: 'Basile' });
      await addMembership(tx, { structureId: alpha.id, userId: julien.id, role: 'mediateur' });
      await addMembership(tx, { structureId: beta.id, userId: basile.id, role: 'mediateur' });
      const withSpace = async (structureId: string, openedBy: string, key: string, fields: Parameters<typeof makePerson>[2]) => {
        const person = await makePerson(tx, structureId, fields);
        await tx.insert(residentSpaces).values({ structureId, personId: person.id, signInChannel: 'sms', consentAt: new Date(), openedBy });
        people[key] = person.id;
      };
      await withSpace(alpha.id, julien.id, 'elodie', { firstName: 'Élodie', lastName: 'Martin', birthYear: 1975 });
      await withSpace(alpha.id, julien.id, 'awa', { firstName: 'Awa', lastName: 'Diop', birthYear: 1980 });
      // Deux Jean Dupont nés en 1960, l'un à Alpha, l'autre à Beta : FranceConnect seul ne peut pas choisir.
      await withSpace(alpha.id, julien.id, 'jean', { firstName: 'Jean', lastName: 'Dupont', birthYear: 1960 });
      await withSpace(beta.id, basile.id, 'jean2', { firstName: 'Jean', lastName: 'Dupont', birthYear: 1960 });
      return { userId: julien.id, structureId: alpha.id, role: 'mediateur' } as Actor;
    });
    app = await startApp(services);
  });
  afterAll(async () => {
    await provider.close();
    await services.database.close();
  });

  /** Le parcours d'un navigateur : Relais → FranceConnect (identification) → retour à Relais ; rend la dernière réponse. */
  async function viaFranceConnect(subject: string, account: OidcAccount, start = '/mon-espace/franceconnect') {
    provider.signInAs(subject, account);
    const jar = new Map<string, string>();
    const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let url = new URL(start, ORIGIN);
    for (let hop = 0; hop < 20; hop++) {
      const response =
        url.origin === ORIGIN
          ? await app.fetch(url.pathname + url.search, { headers: { cookie: cookie() } })
          : await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const [name, ...value] = pair!.split('=');
        if (value.join('=') === '' || /max-age=0/i.test(header)) jar.delete(name!);
        else jar.set(name!, value.join('='));
      }
      const location = response.headers.get('location');
      if (!location || (url.origin === ORIGIN && url.pathname === FRANCECONNECT_CALLBACK))
        return { response, location, cookie: cookie(), jar, text: location ? '' : await response.text() };
      url = new URL(location, url);
    }
    throw new Error('Trop de redirections');
  }

  const apostrophes = (text: string) => text.replace(/&#x27;|&#39;/g, "'");

  it('une identité qui ne ressemble à aucune fiche, ou à plusieurs : rien n’est rattaché, la page le dit', async () => {
    const nobody = await viaFranceConnect('fc-zoe', { given_name: 'Zoé', family_name: 'Inconnue', birthdate: '1990-01-01' });
    expect(apostrophes(nobody.text)).toContain(PROBLEMS.inconnu);
    const twins = await viaFranceConnect('fc-jean', { given_name: 'Jean', family_name: 'DUPONT', birthdate: '1960-06-06' });
    expect(apostrophes(twins.text)).toContain(PROBLEMS.plusieurs);
    // Le bon nom, mais une autre année de naissance : personne.
    const wrongYear = await viaFranceConnect('fc-awa', { given_name: 'Awa', family_name: 'Diop', birthdate: '1981-01-01' });
    expect(apostrophes(wrongYear.text)).toContain(PROBLEMS.inconnu);
    expect(await operatorTransaction(services.database, (tx) => tx.select().from(residentIdentities))).toEqual([]);
  });

  it('la première fois, le médiateur confirme ; ensuite FranceConnect ouvre la session (ordinateur partagé gardé)', async () => {
    const first = await viaFranceConnect('fc-elodie', ELODIE);
    expect(apostrophes(first.text)).toContain(PROBLEMS.a_confirmer);
    const again = await viaFranceConnect('fc-elodie', ELODIE);
    expect(apostrophes(again.text)).toContain(PROBLEMS.en_attente);
    const [pending] = await call(services, mediator, identitiesOf, people.elodie!);
    expect(pending).toMatchObject({ claimed: 'ÉLODIE Anne martin, née ou né le 2 mars 1975', confirmedAt: null });
    expect(await call(services, mediator, decideIdentity, people.awa!, pending!.id, true)).toBe(false);
    expect(await call(services, mediator, decideIdentity, people.elodie!, pending!.id, true)).toBe(true);
    expect(await call(services, mediator, decideIdentity, people.elodie!, pending!.id, true)).toBe(false);
    const [confirmed] = await call(services, mediator, identitiesOf, people.elodie!);
    expect(confirmed).toMatchObject({ claimed: null, confirmedAt: services.clock.now });

    const signedIn = await viaFranceConnect('fc-elodie', ELODIE, '/mon-espace/franceconnect?partage=oui');
    expect(signedIn.location).toBe('/mon-espace/accueil');
    const home = await app.fetch('/mon-espace/accueil', { headers: { cookie: signedIn.cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Bonjour Élodie');
    const sessions = await operatorTransaction(services.database, (tx) =>
      tx.select().from(residentSessions).where(eq(residentSessions.personId, people.elodie!)),
    );
    expect(sessions.map((session) => session.sharedComputer)).toEqual([true]);

    // Se déconnecter ferme aussi la session FranceConnect (id_token_hint), qui ramène à la page de connexion de Relais.
    const csrf = 'jeton-csrf-de-test-assez-long-pour-relais-0123456789';
    const csrfCookie = (await csrfCookieOf(false).serialize(csrf)).split(';')[0]!;
    const signOut = await app.fetch('/mon-espace/deconnexion', {
      method: 'POST',
      headers: {
        cookie: [
          csrfCookie,
          ...[...signedIn.jar].filter(([name]) => name !== 'relais_csrf').map(([name, value]) => `${name}=${value}`),
        ].join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ csrf }).toString(),
    });
    const endSession = new URL(signOut.headers.get('location')!);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(signOut.headers.getSetCookie().some((h) => h.startsWith('relais_portail_fc_session=;'))).toBe(true);
    const providerCookies = [...signedIn.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const confirm = await fetch(endSession, { headers: { cookie: providerCookies }, redirect: 'manual' });
    const page = await confirm.text();
    const action = new URL(/action="([^"]+)"/.exec(page)![1]!, provider.issuer);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const back = await fetch(action, {
      method: 'POST',
      headers: { cookie: providerCookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      redirect: 'manual',
    });
    expect(back.headers.get('location')).toMatch(new RegExp(`^${ORIGIN}/mon-espace\\?fin=deconnexion`));
  });

  it('sur un ordinateur partagé, FranceConnect redemande toujours l’identification (prompt=login)', async () => {
    const shared = await app.fetch('/mon-espace/franceconnect?partage=oui');
    expect(new URL(shared.headers.get('location')!).searchParams.get('prompt')).toBe('login');
    const own = await app.fetch('/mon-espace/franceconnect');
    expect(new URL(own.headers.get('location')!).searchParams.get('prompt')).toBeNull();
  });

  it('refusée, l’identité n’entre pas ; un espace fermé non plus', async () => {
    const awa = { given_name: 'Awa', family_name: 'Diop', birthdate: '1980-04-04' };
    expect(apostrophes((await viaFranceConnect('fc-awa-2', awa)).text)).toContain(PROBLEMS.a_confirmer);
    const [pending] = await call(services, mediator, identitiesOf, people.awa!);
    expect(await call(services, mediator, decideIdentity, people.awa!, pending!.id, false)).toBe(true);
    expect(await call(services, mediator, identitiesOf, people.awa!)).toEqual([]);

    await call(services, mediator, closeSpace, people.elodie!);
    expect(apostrophes((await viaFranceConnect('fc-elodie', ELODIE)).text)).toContain(PROBLEMS.inconnu);
  });

  it('un retour qui n’est pas le sien (sans le cookie de départ, état changé) : la page le dit, sans session', async () => {
    const forged = await app.fetch(`${FRANCECONNECT_CALLBACK}?code=abc&state=xyz`);
    expect(forged.status).toBe(200);
    expect(apostrophes(await forged.text())).toContain(PROBLEMS.erreur);
    expect(forged.headers.getSetCookie().some((header) => header.startsWith('relais_portail='))).toBe(false);
  });
});
