// Coffre-fort (C5), côté médiateur, de bout en bout : l'accord d'abord ; un papier sans type ou qui n'est pas un papier
// refusé à côté du champ, la saisie gardée ; deux photos réunies en un PDF ; ouvrir exige un motif, puis le fichier
// déchiffré est relu ; retirer le rend illisible. JavaScript actif et coupé, au téléphone et à 320 px, 0 violation axe.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from './journeys';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn } from './browser';

let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-coffre-'));
const pages = [path.join(dir, 'recto.jpg'), path.join(dir, 'verso.jpg')];
const fake = path.join(dir, 'avis.pdf');

beforeAll(async () => {
  browser = await launch();
  for (const [index, file] of pages.entries())
    await sharp({ create: { width: 1200, height: 1600, channels: 3, background: { r: 250, g: 240 - index * 40, b: 220 } } })
      .jpeg()
      .toFile(file);
  fs.writeFileSync(fake, '<html><script>alert("pas un papier")</script></html>');
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const JOURNEYS = [
  { javaScript: true, width: 375, label: 'JavaScript actif, 375 px' },
  { javaScript: false, width: 320, label: 'JavaScript coupé, 320 px' },
];

describe.each(JOURNEYS)('coffre-fort ($label)', ({ javaScript, width }) => {
  it('accord, papier refusé puis rangé (deux pages en un PDF), ouvert avec un motif, retiré', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName: javaScript ? 'Coralie' : 'Colin', lastName: 'Coffre' });
    await page.goto(file);
    await page.getByRole('link', { name: 'Coffre-fort de papiers' }).click();
    await page.getByRole('heading', { name: /Coffre-fort de/ }).waitFor();

    // L'accord d'abord : sans la case, rien ne s'ouvre.
    await page.getByRole('button', { name: "Enregistrer l'accord" }).click();
    await page.locator('#accord-erreur').waitFor();
    await page.locator('label[for="accord"]').click();
    await page.getByRole('button', { name: "Enregistrer l'accord" }).click();
    await page.getByText('Accord enregistré').waitFor();

    // Sans type, puis un fichier qui n'est pas un papier : l'erreur à côté du champ, le type choisi gardé.
    await page.locator('#issuedOn').fill('2026-03-01');
    await page.getByRole('button', { name: 'Ajouter au coffre-fort' }).click();
    expect(await page.locator('#kind-erreur').textContent()).toBe('Choisissez le type du papier.');
    expect(await page.locator('#issuedOn').inputValue()).toBe('2026-03-01');
    await page.locator('#kind').selectOption('titre_sejour');
    await page.locator('#fichiers').setInputFiles(fake);
    await page.getByRole('button', { name: 'Ajouter au coffre-fort' }).click();
    await page.locator('#fichiers-erreur').waitFor();
    expect(await page.locator('#fichiers-erreur').textContent()).toContain("« avis.pdf » n'est ni un PDF ni une photo");
    expect(await page.locator('#kind').inputValue()).toBe('titre_sejour');

    // Deux photos : les deux pages d'un même titre de séjour, réunies en un PDF.
    await page.locator('#fichiers').setInputFiles(pages);
    await page.locator('#expiresOn').fill('2027-01-15');
    await page.getByRole('button', { name: 'Ajouter au coffre-fort' }).click();
    await page.getByText('Papier ajouté, chiffré dans le coffre-fort.').waitFor();
    await page.getByText(/^2 pages, \d+ Ko\. Ajouté le /).waitFor();
    // axe s'exécute dans la page : avec JavaScript seulement (le rendu est le même sans).
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // Ouvrir : un motif d'abord, puis le fichier déchiffré, relu.
    await page.getByRole('link', { name: 'Ouvrir le papier Titre de séjour' }).click();
    await page.getByRole('heading', { name: 'Ouvrir : Titre de séjour' }).waitFor();
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Ouvrir le papier' }).click();
    await page.locator('#motif-erreur').waitFor();
    await page.locator('#motif').fill('Renouvellement du titre en préfecture');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ouvrir le papier' }).click()]);
    const pdf = await PDFDocument.load(fs.readFileSync(await download.path()));
    expect(pdf.getPageCount()).toBe(2);
    expect(download.suggestedFilename()).toBe('Titre de séjour (2 pages).pdf');

    // Retirer : le papier reste dans l'historique, illisible.
    await page.goto(`${file}/coffre`);
    await page.getByRole('button', { name: 'Retirer ce papier (Titre de séjour)' }).click();
    await page.getByText('Papier retiré', { exact: false }).first().waitFor();
    expect(await page.getByText('Sa clé est détruite : il ne peut plus être lu.').count()).toBe(1);
    expect(await page.getByRole('link', { name: /Ouvrir le papier/ }).count()).toBe(0);
    await close();
  });
});

describe('coffre-fort : un fichier trop gros (JavaScript coupé)', () => {
  it('est arrêté avant d’être lu, et la page dit sa taille et la limite', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName: 'Gaston', lastName: 'Gros' });
    await page.goto(`${file}/coffre`);
    await page.locator('label[for="accord"]').click();
    await page.getByRole('button', { name: "Enregistrer l'accord" }).click();
    await page.getByText('Accord enregistré').waitFor();
    const big = path.join(dir, 'gros.pdf');
    fs.writeFileSync(big, Buffer.alloc(16 * 1024 * 1024, 1));
    await page.locator('#kind').selectOption('autre');
    await page.locator('#fichiers').setInputFiles(big);
    await page.getByRole('button', { name: 'Ajouter au coffre-fort' }).click();
    await page.locator('#fichiers-erreur').waitFor();
    expect(await page.locator('#fichiers-erreur').textContent()).toBe('Les fichiers pèsent 16 Mo : 15 Mo au plus. Envoyez moins de pages.');
    await close();
  });
});
