// Chromium de Debian piloté par playwright-core (aucun navigateur téléchargé), et vérifications axe-core.
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export { launch } from './chromium';

export const baseUrl = () => inject('baseUrl');

/**
 * Le parcours principal de chaque capacité se fait à la largeur d'un téléphone, JavaScript actif (menu replié,
 * tableaux en fiches) et coupé ; les autres tests gardent la largeur d'un ordinateur.
 */
export const PHONE_JOURNEYS = [
  { javaScript: true, width: 375, label: 'JavaScript actif, 375 px' },
  { javaScript: false, width: 375, label: 'JavaScript coupé, 375 px' },
];

/** Ce que le navigateur écrit quand une page refuse une saisie ou un accès (400, 403, 404, 409) : voulu par le test. */
const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d/;

export async function newPage(
  browser: Browser,
  options: { javaScript: boolean; width?: number; geolocation?: { latitude: number; longitude: number } },
) {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    javaScriptEnabled: options.javaScript,
    viewport: { width: options.width ?? 1280, height: 800 },
    locale: 'fr-FR',
    // Une position que le navigateur donne sans demander (l'accord de la personne, déjà donné).
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  withJavaScript.set(page, options.javaScript);
  const problems: string[] = [];
  const serverLogStart = serverLogSize();
  page.on('console', (message) => {
    // L'adresse en cause est dans « location » : sans elle, un 500 intermittent ne se laisse pas retrouver.
    const url = message.location().url;
    // La fonte Marianne n'est pas servie (réservée à l'État) : le navigateur qui la demande parfois reçoit un 404 voulu.
    if (url.includes('/dsfr/fonts/')) return;
    if (message.type() === 'error') problems.push(url ? `${message.text()} (${url})` : message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  // Sur un téléphone, chaque page chargée (et la dernière affichée) doit tenir dans la largeur de l'écran.
  const phone = (options.width ?? 1280) <= 480;
  const checkWidth = async () => {
    const overflow = await horizontalOverflow(page).catch(() => 0);
    if (overflow > 0) problems.push(`défilement horizontal de ${overflow} px à ${options.width} px : ${page.url()}`);
  };
  if (phone) page.on('load', () => void checkWidth());
  return {
    page,
    problems,
    /**
     * Ferme la page ; toute erreur de la console du navigateur fait échouer le test, sauf une réponse 4xx voulue, et
     * sur un téléphone toute page plus large que l'écran.
     */
    close: async () => {
      if (phone && !page.isClosed()) await checkWidth();
      await context.close();
      const unexpected = problems.filter((problem) => !EXPECTED_REFUSAL.test(problem));
      // Les lignes d'erreur du serveur écrites pendant le test : la cause d'un 500, sans rejouer le test.
      if (unexpected.length > 0) unexpected.push(...serverErrorsSince(serverLogStart));
      expect(unexpected, 'erreurs de la console du navigateur').toEqual([]);
    },
  };
}

function serverLogSize() {
  try {
    return fs.statSync(inject('serverLog')).size;
  } catch {
    return 0;
  }
}

function serverErrorsSince(offset: number) {
  try {
    const log = fs.readFileSync(inject('serverLog'));
    const lines = log.subarray(offset).toString('utf8').split('\n');
    return lines
      .filter(Boolean)
      .slice(-30)
      .map((line) => `serveur : ${line}`);
  } catch {
    return [];
  }
}

export async function signIn(page: Page, email: string, password = 'relais-demo') {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/connexion'), page.getByRole('button', { name: 'Se connecter' }).click()]);
  // Avec JavaScript, l'adresse change avant que la nouvelle page soit rendue : attendre que le formulaire parte.
  await page.locator('form[action^="/connexion"] #email').waitFor({ state: 'detached' });
}

/** Les pages ouvertes par newPage, et si JavaScript y est actif. */
const withJavaScript = new WeakMap<Page, boolean>();

/** Suit un lien du menu principal ; sur un téléphone avec JavaScript, l'ouvre d'abord par son bouton « Menu ». */
export async function followMenu(page: Page, label: string) {
  const button = page.getByRole('button', { name: 'Menu', exact: true });
  // Le bouton naît à l'hydratation, qui replie alors le menu : avant elle, le lien visible disparaîtrait sous le clic
  // (vu en CI, machine chargée : 30 s d'attente puis échec).
  if (withJavaScript.get(page)) await page.locator('.relais-menu-button').waitFor({ state: 'attached' });
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false') await button.click();
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: label, exact: true }).click();
}

export async function signOut(page: Page) {
  await Promise.all([page.waitForURL(/\/connexion/), page.getByRole('button', { name: 'Se déconnecter' }).click()]);
}

/** 0 violation RGAA/WCAG 2.1 AA détectable par axe-core. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(', ')})`);
  expect(summary, page.url()).toEqual([]);
}

/** De combien de pixels la page dépasse la largeur de l'écran. */
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Utilisable à 320 px : aucun défilement horizontal de la page, aucun numéro de liste coupé à gauche. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await horizontalOverflow(page);
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
  // Le DSFR numérote les listes ordonnées par ::marker, hors de la boîte : sans marge à gauche, le numéro est coupé.
  const clippedNumbers = await page.evaluate(() =>
    [...document.querySelectorAll('ol > li')]
      .filter((li) => {
        const marker = getComputedStyle(li, '::marker').content;
        return (
          marker !== 'none' && parseFloat(getComputedStyle(li.parentElement!).paddingLeft) < 16 && li.getBoundingClientRect().width > 0
        );
      })
      .map((li) => li.parentElement!.className || 'ol'),
  );
  expect([...new Set(clippedNumbers)], `${page.url()} : numéros de liste coupés`).toEqual([]);
}
