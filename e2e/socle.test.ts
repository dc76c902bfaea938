// Parcours du socle : chaque compte de démonstration se connecte (JavaScript actif et coupé), ne voit
// que sa structure, navigue et se déconnecte ; accessibilité, clavier et 320 px.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_INVITATIONS, DEMO_STRUCTURES } from '../app/capabilities/demo/seed-demo.server';
import { navigationFor } from '../app/platform/policies';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, signOut } from './browser';
import { waitForFocus } from './journeys';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const structureName = (slug: string) => DEMO_STRUCTURES.find((s) => s.slug === slug)!.name;

describe.each([
  { javaScript: true, label: 'JavaScript actif' },
  { javaScript: false, label: 'JavaScript coupé' },
])('connexion des comptes de démonstration ($label)', ({ javaScript }) => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a] as const))(
    '%s se connecte, voit sa structure, navigue et se déconnecte',
    async (_email, account) => {
      // À la largeur d'un téléphone : avec JavaScript, le menu s'ouvre par son bouton ; sans, ses liens sont là.
      const { page, problems, close } = await newPage(browser, { javaScript, width: 375 });
      await signIn(page, account.email);
      expect(new URL(page.url()).pathname).toBe('/');
      await expect.poll(() => page.locator('.fr-header__service-title').textContent()).toBe(structureName(account.structure));
      await expect.poll(() => page.getByText('Démonstration : les personnes').count()).toBe(1);
      const expected = navigationFor({ role: account.role }).map((i) => i.label);
      const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
      if (javaScript) await menuButton.click();
      expect(await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link').allTextContents()).toEqual(expected);
      if (javaScript) await menuButton.click();
      // Rien d'une autre structure, sauf le nom de celle qui l'invite (l'invitation s'annonce sur son tableau de bord).
      const inviting = DEMO_INVITATIONS.filter((i) => i.email === account.email).map((i) => i.structure as string);
      // Les orientations reçues d'un partenaire disent qui les envoie : ce partage voulu est marqué, et laissé de côté.
      const own = await page.locator('body').evaluate((body) => {
        const copy = body.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-partage], script').forEach((node) => node.remove());
        return copy.textContent ?? '';
      });
      for (const other of DEMO_STRUCTURES.filter((s) => s.slug !== account.structure && !inviting.includes(s.slug)))
        expect(own.includes(other.name), other.name).toBe(false);
      expect(await page.getByRole('link', { name: "Répondre à l'invitation" }).count()).toBe(inviting.length > 0 ? 1 : 0);
      for (const item of navigationFor({ role: account.role }).filter((i) => i.to !== '/')) {
        if (javaScript) {
          // Arrivé sur une page, le menu se replie de lui-même (l'effet suit le rendu de la page choisie).
          await expect.poll(() => menuButton.getAttribute('aria-expanded')).toBe('false');
          await menuButton.click();
        }
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: item.label, exact: true }).click();
        await page.waitForURL((url) => url.pathname === item.to);
        await expect.poll(() => page.locator('h1').textContent()).not.toMatch(/^Bonjour/);
        await expectNoHorizontalScroll(page);
      }
      await signOut(page);
      await expect.poll(() => page.getByText('Vous êtes déconnecté(e).').count()).toBe(1);
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/connexion');
      expect(problems, `erreurs de la console du navigateur :\n${problems.join('\n')}`).toEqual([]);
      await close();
    },
  );

  it('refuse un mauvais mot de passe avec un message, et garde l’e-mail saisi', async () => {
    const { page, close } = await newPage(browser, { javaScript });
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill('mediation@alpha.test');
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByText('Adresse e-mail ou mot de passe incorrect.').count()).toBe(1);
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('mediation@alpha.test');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.locator('#email-erreur').count()).toBe(1);
    expect(await page.locator('#email-erreur').textContent()).toContain('Indiquez une adresse e-mail valide');
    // axe s'exécute dans la page : seulement avec JavaScript.
    if (javaScript) await expectAccessible(page);
    await close();
  });
});

describe('accessibilité des pages existantes', () => {
  const pages = {
    public: ['/connexion', '/mot-de-passe-oublie', '/mot-de-passe/nouveau?jeton=inconnu', '/page-qui-n-existe-pas'],
    admin: ['/', '/administration/utilisateurs', '/administration/structure', '/administration/organismes', '/administration/journal'],
    responsable: ['/administration/utilisateurs'],
  };

  it('0 violation axe et aucun défilement horizontal à 320 px', async () => {
    for (const width of [1280, 320]) {
      const { page, close } = await newPage(browser, { javaScript: true, width });
      for (const url of pages.public) {
        await page.goto(url);
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
      }
      await signIn(page, 'admin@alpha.test');
      for (const url of pages.admin) {
        await page.goto(url);
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
      }
      await signOut(page);
      await signIn(page, 'direction@alpha.test');
      const response = await page.goto(pages.responsable[0]!);
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('Accès refusé');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await close();
    }
  });

  it('se connecte au clavier seul', async () => {
    const { page, close } = await newPage(browser, { javaScript: true });
    await page.goto('/mot-de-passe-oublie');
    // Premier Tab : le lien d'évitement vers le contenu.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Contenu');
    await page.goto('/connexion');
    // Le champ e-mail a le focus dès l'ouverture de la page (l'autofocus peut suivre de peu l'évènement « load »).
    await waitForFocus(page, '#email');
    await page.keyboard.type('accueil@alpha.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('relais-demo');
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bonjour Nadia Benali');
    await close();
  });
});

describe('pages d’accueil qui servent la journée', () => {
  it.each([
    { email: 'accueil@alpha.test', heading: "À l'accueil", says: /\d+ personnes? attend/ },
    { email: 'mediation@alpha.test', heading: "À l'accueil", says: /Ouvrir la file d'attente/ },
    { email: 'direction@alpha.test', heading: "Aujourd'hui", says: /La semaine dernière : [\d  ]+ sollicitations?/ },
    { email: 'partenaire@mediatheque-alpha.test', heading: 'Orientations reçues à prendre en compte', says: /de CCAS d'Alpha — reçue le/ },
  ])('$email voit ce que sa journée demande, sans JavaScript aussi, à 320 px', async ({ email, heading, says }) => {
    for (const javaScript of [true, false]) {
      const { page, close } = await newPage(browser, { javaScript, width: 320 });
      await signIn(page, email);
      await page.goto('/');
      expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^${heading}`) }).count()).toBe(1);
      expect(await page.locator('main').textContent()).toMatch(says);
      if (javaScript) await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await close();
    }
  });
});

describe('serveur', () => {
  it("n'a traité aucune requête sans décision d'autorisation", () => {
    const log = fs.readFileSync(inject('serverLog'), 'utf8');
    expect(log).not.toContain("sans décision d'autorisation");
  });
});

describe("l'en-tête sur un téléphone", () => {
  it('replie le menu derrière un bouton avec JavaScript, le laisse ouvert sans ; qui est connecté dans les outils', async () => {
    for (const { javaScript, width } of [
      { javaScript: true, width: 375 },
      { javaScript: false, width: 375 },
      { javaScript: true, width: 1280 },
    ]) {
      const { page, close } = await newPage(browser, { javaScript, width });
      await signIn(page, 'direction@alpha.test');
      const banner = page.getByRole('banner');
      expect(await banner.getByText('Sophie Lambert · Responsable de service').count()).toBe(1);
      expect(await banner.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
      const menu = page.getByRole('navigation', { name: 'Menu principal' });
      const pilotage = menu.getByRole('link', { name: 'Pilotage' });
      const button = page.getByRole('button', { name: 'Menu', exact: true });
      if (!javaScript || width > 1000) {
        expect(await pilotage.isVisible()).toBe(true);
        expect(await button.isVisible()).toBe(false);
      } else {
        await button.waitFor();
        expect(await pilotage.isVisible()).toBe(false);
        expect(await button.getAttribute('aria-expanded')).toBe('false');
        await button.click();
        expect(await button.getAttribute('aria-expanded')).toBe('true');
        await pilotage.click();
        await page.waitForURL((url) => url.pathname === '/pilotage');
        // Arrivé sur la page choisie, le menu se replie de lui-même.
        await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
        expect(await pilotage.isVisible()).toBe(false);
        await expectAccessible(page);
      }
      await expectNoHorizontalScroll(page);
      await close();
    }
  });
});
