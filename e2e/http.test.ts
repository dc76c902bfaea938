// Ce que le serveur répond aux mauvaises requêtes : toujours en français, sans détail technique.
import { describe, expect, it } from 'vitest';
import { baseUrl } from './browser';

async function csrfSession() {
  const page = await fetch(`${baseUrl()}/connexion`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { csrf, cookie };
}

describe('serveur HTTP', () => {
  it('répond à /sante avec le mode de base', async () => {
    const response = await fetch(`${baseUrl()}/sante`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('envoie des en-têtes de sécurité stricts', async () => {
    const response = await fetch(`${baseUrl()}/connexion`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const cookie = response.headers.getSetCookie().join(';');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('refuse un POST sans jeton CSRF ou avec un mauvais jeton (403, page française)', async () => {
    const { cookie, csrf } = await csrfSession();
    for (const body of ['email=a%40b.fr&password=x', `csrf=${csrf}x&email=a%40b.fr&password=x`]) {
      const response = await fetch(`${baseUrl()}/connexion`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('Ce formulaire a expiré ou ne provient pas de Relais');
    }
    const foreign = await fetch(`${baseUrl()}/connexion`, {
      method: 'POST',
      headers: { cookie, origin: 'https://autre-site.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}&email=a%40b.fr&password=x`,
    });
    // Refusée par le serveur avant React Router (qui répondrait un « Bad Request » nu), en français.
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('Ce formulaire ne provient pas de Relais');
  });

  it('refuse un corps trop volumineux (413)', async () => {
    const { cookie, csrf } = await csrfSession();
    const response = await fetch(`${baseUrl()}/connexion`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}&email=${'a'.repeat(2 * 1024 * 1024)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Envoi trop volumineux');
  });

  it('répond 404 en français à une adresse inconnue, sans trace technique', async () => {
    const response = await fetch(`${baseUrl()}/cette/page/n-existe/pas`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Page introuvable');
    expect(html).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
  });

  it("renvoie vers la connexion une page protégée demandée sans session, en gardant l'adresse", async () => {
    const response = await fetch(`${baseUrl()}/administration/journal?page=2`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/connexion?retour=%2Fadministration%2Fjournal%3Fpage%3D2');
  });

  it('ne sert pas la fonte Marianne', async () => {
    expect((await fetch(`${baseUrl()}/dsfr/fonts/Marianne-Regular.woff2`)).status).toBe(404);
    expect((await fetch(`${baseUrl()}/dsfr/dsfr.min.css`)).status).toBe(200);
  });
});
