// Un vrai fournisseur OpenID Connect local (oidc-provider), à la place de FranceConnect dans les tests : découverte,
// autorisation avec PKCE, jeton d'identité signé, userinfo. Seule l'étape où la personne tape ses identifiants chez
// FranceConnect est jouée par le test : `signInAs` dit qui se connectera à la prochaine interaction.
import http from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './relais-process';

export interface OidcAccount {
  given_name: string;
  family_name: string;
  birthdate: string;
}

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** La personne qui « tape ses identifiants » à la prochaine connexion (son identifiant FranceConnect). */
  signInAs(subject: string, account: OidcAccount): void;
  close(): Promise<void>;
}

export async function startOidcProvider(redirectUri: string, postLogoutRedirectUri: string): Promise<LocalOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, OidcAccount>();
  let next: string | null = null;
  const clientId = 'relais-essai';
  const clientSecret = 'secret-du-fournisseur-local-de-test';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        token_endpoint_auth_method: 'client_secret_post',
        response_types: ['code'],
        grant_types: ['authorization_code'],
        // Comme FranceConnect v2 : la réponse userinfo est un JWT signé.
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    // Les portées de FranceConnect : une par donnée d'identité.
    claims: { openid: ['sub'], given_name: ['given_name'], family_name: ['family_name'], birthdate: ['birthdate'] },
    acrValues: ['eidas1'],
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
  });
  const callback = provider.callback();
  const server = http.createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    // La personne s'identifie et accepte de transmettre son identité.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const accountId = next ?? 'inconnu';
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: Error) => {
      res.statusCode = 500;
      res.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(subject, account) {
      accounts.set(subject, account);
      next = subject;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
