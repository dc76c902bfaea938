// Annuaire (C3) de bout en bout : trouver un lieu ouvert maintenant pour les démarches CAF près du CCAS, lire sa
// fiche (horaires de la semaine) ; saisir un lieu avec erreurs puis le corriger ; importer un fichier national
// (rapport par ligne, progression avec JavaScript, fichier trop gros) et exporter ; axe, clavier et 320 px.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, signOut, PHONE_JOURNEYS, followMenu } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const resultNames = (page: Page) => page.locator('.relais-results h3').allTextContents();

const HEADER = 'id,pivot,nom,adresse,commune,code_postal,services,date_maj,horaires,telephone';
const importFile = (suffix: string) =>
  [
    HEADER,
    `import-${suffix}-1,00000000000000,Atelier numérique ${suffix},4 rue des Tanneurs,Tours,37000,Aide aux démarches administratives,2026-11-30,Mo-Fr 09:00-12:00,02 47 00 00 01`,
    `import-${suffix}-2,00000000000000,Permanence ${suffix},8 rue Colbert,Tours,3700,Aide aux démarches administratives,2026-11-30,tous les jours,123`,
  ].join('\n');

describe.each(PHONE_JOURNEYS)('annuaire ($label)', ({ javaScript, width }) => {
  it('trouve un lieu ouvert maintenant pour les démarches CAF près du CCAS, puis lit sa fiche', async () => {
    const { page, problems, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    await followMenu(page, 'Annuaire');
    await page.waitForURL(/\/lieux$/);
    await page.locator('#besoin').selectOption('organisme:caf');
    await page.locator('#ouvert').selectOption('maintenant');
    await page.locator('#depuis').selectOption('structure');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ouvert')).toBe('maintenant');
    await expect.poll(() => page.locator('h2[aria-live]').textContent()).toMatch(/du plus proche au plus loin de CCAS d'Alpha$/);
    // La borne de la gare est ouverte jour et nuit : elle est toujours dans la liste, et tout ce qui est listé est ouvert.
    const names = await resultNames(page);
    expect(names).toContain('Borne CAF en libre-service — gare d’Alpha');
    const statuses = await page.locator('.relais-results .relais-opening').allTextContents();
    expect(statuses.length).toBe(names.length);
    expect(statuses.every((s) => s.includes('Ouvert maintenant'))).toBe(true);
    const distances = (await page.locator('.relais-results li > p:first-of-type').allTextContents()).map(toMetres);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    if (javaScript) await expectAccessible(page); // axe s'injecte en script : pages vérifiées JavaScript actif

    await page.getByRole('link', { name: 'Borne CAF en libre-service — gare d’Alpha' }).click();
    await page.waitForURL(/\/lieux\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Borne CAF en libre-service — gare d’Alpha' }).waitFor();
    expect(await page.locator('.relais-opening').textContent()).toContain('Ouvert maintenant');
    expect(await page.locator('.relais-week tbody tr').count()).toBe(7);
    expect(await page.locator('.relais-week tbody tr').first().textContent()).toMatch(/\(aujourd’hui\)Toute la journée/);
    if (javaScript) await expectAccessible(page);
    expect(problems, `erreurs de la console du navigateur :\n${problems.join('\n')}`).toEqual([]);
    await close();
  });

  it('saisit un lieu : erreurs en français à côté des champs, saisie gardée, avertissement puis enregistrement', async () => {
    const { page, problems, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/lieux/nouveau');
    const name = javaScript ? 'Permanence numérique du marché' : 'Permanence numérique de la gare';
    await page.locator('#nom').fill(name);
    await page.locator('#adresse').fill('2 place du Marché');
    await page.locator('#code_postal').fill('370');
    await page.locator('#commune').fill('Alpha');
    await page.locator('#latitude').fill('47,39');
    await page.locator('#longitude').fill('0.69');
    await page.locator('#horaires').fill('le mardi matin');
    await page.locator('label[for^="organisations"]', { hasText: /^CAF$/ }).click();
    await page.getByRole('button', { name: 'Enregistrer le lieu' }).click();
    await expect
      .poll(() => page.locator('#code_postal-erreur').textContent())
      .toBe('Le code postal doit compter 5 chiffres (reçu « 370 »).');
    expect(await page.locator('#latitude-erreur').textContent()).toBe('Latitude : utilisez un point comme séparateur décimal (47.39).');
    expect(await page.locator('#horaires-erreur').textContent()).toMatch(/^Horaires non reconnus \(format OpenStreetMap\)/);
    expect(await page.locator('#services-erreur').textContent()).toBe(
      'Indiquez au moins un service du schéma national (ex. Aide aux démarches administratives).',
    );
    expect(await page.locator('#nom').inputValue()).toBe(name);
    expect(await page.locator('#organisations').isChecked()).toBe(true); // CAF, la première case
    if (javaScript) await expectAccessible(page);

    await page.locator('#code_postal').fill('37000');
    await page.locator('#latitude').fill('47.39');
    await page.locator('#horaires').fill('Tu 09:00-12:00; PH off');
    await page.locator('label', { hasText: /^Aide aux démarches administratives$/ }).click();
    await page.getByRole('button', { name: 'Enregistrer le lieu' }).click();
    // « Alpha » n'est pas une commune officielle du 37000 : un avertissement, puis on confirme.
    await page.getByText("« Alpha » n'est pas une commune du 37000 (Tours).").waitFor();
    await page.getByRole('button', { name: 'Enregistrer le lieu' }).click();
    await page.waitForURL(/\/lieux\/[0-9a-f-]{36}\?enregistre=1$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await page.getByText('Démarches accompagnées').count()).toBe(1);
    expect(await page.locator('.relais-week').textContent()).toContain('9\u00a0h – 12\u00a0h');

    await page.getByRole('link', { name: 'Modifier le lieu' }).click();
    await page.locator('#telephone').fill('02 47 21 00 00');
    await page.locator('label[for="lieu_accueil"]').click();
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText("À vérifier avant d'enregistrer").waitFor(); // l'avertissement de commune, puis on confirme
    expect(await page.locator('#lieu_accueil').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL(/\?enregistre=1$/);
    await page.getByRole('link', { name: '02 47 21 00 00' }).waitFor();
    // Devenu lieu d'accueil de la structure, il se choisit en notant une sollicitation.
    expect(await page.getByText("Lieu d'accueil de la structure").count()).toBe(1);
    const reception = await newPage(browser, { javaScript, width });
    await signIn(reception.page, 'accueil@alpha.test');
    await reception.page.goto('/sollicitations/nouvelle?anonyme=1');
    expect(await reception.page.locator('#site option', { hasText: name }).count()).toBe(1);
    await reception.close();
    await page.getByRole('button', { name: "Retirer de l'annuaire" }).click();
    await page.waitForURL(/\?retire=1$/);
    await page.goto(`/lieux?q=${encodeURIComponent(name)}`);
    expect(await resultNames(page)).toEqual([]);
    // Les formulaires à corriger répondent 400 (le navigateur le note) : aucune autre erreur.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    await close();
  });

  it('importe un fichier au format national : lignes valides importées, erreurs par ligne et par colonne', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/lieux/importer');
    const suffix = javaScript ? 'js' : 'html';
    await page.locator('#fichier').setInputFiles({ name: 'lieux.csv', mimeType: 'text/csv', buffer: Buffer.from(importFile(suffix)) });
    await page.getByRole('button', { name: 'Importer' }).click();
    const summary = page.locator('#rapport');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('2 lieux lus : 1 créé, 0 mis à jour, 1 refusé');
    const rows = page.getByRole('region', { name: 'Erreurs' }).locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().locator('td').allTextContents()).toEqual([
      '3',
      `Permanence ${suffix}`,
      'Code postal (code_postal)',
      'Le code postal doit compter 5 chiffres (reçu « 3700 »).',
    ]);
    if (javaScript) await expectAccessible(page);
    await page.goto(`/lieux?q=${encodeURIComponent(`Atelier numérique ${suffix}`)}`);
    expect(await resultNames(page)).toEqual([`Atelier numérique ${suffix}`]);
    await close();
  });
});

describe('annuaire : import avec JavaScript', () => {
  it('montre la progression de l’envoi, et refuse un fichier trop gros avant de l’envoyer', async () => {
    const { page, problems, close } = await newPage(browser, { javaScript: true });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/lieux/importer');
    // 2 000 lieux (≈ 400 ko) : l'envoi annonce sa progression, puis le rapport arrive.
    const lines = [
      HEADER,
      ...Array.from(
        { length: 2000 },
        (_, i) =>
          `grand-${i},00000000000000,Lieu ${i},${i + 1} rue Nationale,Tours,37000,Aide aux démarches administratives,2026-11-30,Mo-Fr 09:00-17:00,`,
      ),
    ];
    await page.locator('#fichier').setInputFiles({ name: 'grand.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.locator('[data-progression="active"]').waitFor();
    // Chaque état annoncé par la zone de statut est noté au passage (ils ne durent qu'un instant).
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { seen });
      const status = document.querySelector('div[role="status"][aria-live]')!;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.locator('#rapport').waitFor({ timeout: 30_000 });
    expect((await page.locator('#rapport').textContent())!.replace(/\u202f/g, ' ')).toBe(
      '2 000 lieux lus : 2 000 créés, 0 mis à jour, 0 refusé',
    );
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((text) => /^Envoi du fichier : \d+ %/.test(text))).toBe(true);
    expect(seen).toContain('Fichier reçu : vérification des lignes et import en cours…');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-import-')), 'enorme.csv');
    fs.writeFileSync(file, Buffer.alloc(6 * 1024 * 1024, 'a'));
    await page.locator('#fichier').setInputFiles(file);
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('Le fichier pèse 6 Mo : la limite est de 5 Mo. Découpez-le en plusieurs fichiers.').waitFor();
    expect(problems, `erreurs de la console du navigateur :\n${problems.join('\n')}`).toEqual([]);
    await close();
  });
});

describe('annuaire : limites et isolement', () => {
  it('sans JavaScript, un fichier de 50 Mo revient à la page d’import avec sa taille et la limite', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    const response = await page.request.post('/lieux/importer', {
      multipart: { csrf: 'x', fichier: { name: 'enorme.csv', mimeType: 'text/csv', buffer: Buffer.alloc(50 * 1024 * 1024, 'a') } },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/^\/lieux\/importer\?trop-gros=\d+$/);
    await page.goto(response.headers().location!);
    expect(await page.locator('#fichier-erreur').textContent()).toMatch(/^Le fichier pèse 50 Mo : la limite est de 5 Mo\./);
    await close();
  });

  it('exporte l’annuaire au format national ; un autre CCAS ne lit pas les lieux d’Alpha (404)', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    const csv = await page.request.get('/lieux/export/lieux.csv');
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = (await csv.text()).trimEnd().split('\r\n');
    expect(header!.split(',').slice(0, 6)).toEqual(['id', 'pivot', 'nom', 'adresse', 'commune', 'code_postal']);
    expect(rows.some((r) => r.startsWith('alpha-caf-borne-gare,'))).toBe(true);
    await page.goto('/lieux?q=borne caf');
    const href = await page.locator('.relais-results a').first().getAttribute('href');
    await signOut(page);
    await signIn(page, 'mediation@beta.test');
    const response = await page.goto(href!);
    expect(response!.status()).toBe(404);
    expect((await page.request.get('/lieux/export/lieux.pdf')).status()).toBe(404);
    await close();
  });

  it('cherche au clavier seul, et reste lisible à 320 px', async () => {
    const { page, close } = await newPage(browser, { javaScript: false, width: 320 });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/lieux/nouveau');
    await expectNoHorizontalScroll(page);
    await page.goto('/lieux');
    await page.locator('#besoin').focus();
    await page.keyboard.type('Démarches CAF');
    await page.keyboard.press('Tab'); // distance depuis
    await page.keyboard.type('Notre');
    await page.locator('#q').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('besoin')).toBe('organisme:caf');
    expect(new URL(page.url()).searchParams.get('depuis')).toBe('structure');
    await page.locator('.relais-results a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/lieux\/[0-9a-f-]{36}$/);
    await expectNoHorizontalScroll(page);
    for (const url of ['/lieux?besoin=organisme:caf&depuis=structure', '/lieux/importer']) {
      await page.goto(url);
      await expectNoHorizontalScroll(page);
    }
    await close();
  });
});

/** « à 350 m », « à 1,2 km » → mètres ; sans distance : l'infini. */
function toMetres(text: string) {
  const match = /à (?:moins de )?([\d,]+)\u00a0(m|km)/.exec(text);
  if (!match) return Number.POSITIVE_INFINITY;
  const value = Number(match[1]!.replace(',', '.'));
  return match[2] === 'km' ? value * 1000 : value;
}
