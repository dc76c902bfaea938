// Mandats (C4) de bout en bout : établir, signer à l'écran (tracé avec JavaScript, nom et case sans), agir
// sous mandat, révoquer ; signer sur papier ; un mandat d'un jour depuis la sollicitation ; axe et 320 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from './journeys';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, PHONE_JOURNEYS } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const check = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

/**
 * Le formulaire de sollicitation « j'ai fait à la place » pour une personne connue, acte décrit. Les champs de
 * l'acte n'apparaissent qu'avec ce mode : tout de suite avec JavaScript, à la réponse du serveur sans.
 */
async function chooseDoneInstead(page: Page, personFile: string) {
  await page.goto(`/sollicitations/nouvelle?personne=${personFile.split('/').at(-1)}`);
  await page.locator('#organisation').selectOption('caf');
  await page.locator('#procedure').fill('Déclaration trimestrielle RSA');
  expect(await page.locator('#onlineService').count()).toBe(0);
  await check(page, 'mode-fait_a_la_place');
  if ((await page.locator('#onlineService').count()) === 0) {
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await expect.poll(() => page.locator('#actDone-erreur').count()).toBe(1);
  }
  await page.locator('#onlineService').fill('caf.fr');
  await page.locator('#actDone').fill('Déclaration envoyée');
}

async function logDoneInstead(page: Page, personFile: string) {
  await chooseDoneInstead(page, personFile);
  await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
}

describe.each(PHONE_JOURNEYS)('mandats ($label)', ({ javaScript, width }) => {
  it('établit un mandat, le fait signer sur l’écran, agit sous mandat, puis le révoque', async () => {
    const { page, problems, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName: javaScript ? 'Inès' : 'Odile', lastName: 'Mandant' });
    await page.goto(`${file}/mandats/nouveau`);
    await page.getByRole('button', { name: 'Établir le mandat' }).click();
    await expect.poll(() => page.locator('#areas-erreur').textContent()).toBe('Cochez au moins un domaine de démarches.');
    expect(await page.locator('#consent-erreur').textContent()).toMatch(/cochez-les tous/);
    await check(page, 'areas-social');
    await check(page, 'consent');
    await check(page, 'consent-donnees');
    await check(page, 'consent-droits');
    await check(page, 'consent-revocable');
    await check(page, 'protection-mesure');
    await page.getByRole('button', { name: 'Établir le mandat' }).click();
    await expect.poll(() => page.locator('#protection-erreur').textContent()).toMatch(/c'est la personne désignée par le juge/);
    // La saisie est gardée : domaines et points d'information restent cochés.
    expect(await page.locator('#areas-social').isChecked()).toBe(true);
    expect(await page.locator('#consent-revocable').isChecked()).toBe(true);
    await check(page, 'protection');
    await page.getByRole('button', { name: 'Établir le mandat' }).click();
    await expect.poll(() => page.getByText('Mandat établi : faites-le signer').count()).toBe(1);

    // Sans signature, « faire à la place » est refusé.
    const mandateUrl = new URL(page.url()).pathname;
    await page.locator('#signerName').fill(javaScript ? 'Inès Mandant' : 'Odile Mandant');
    if (javaScript) {
      const pad = page.locator('canvas.relais-signature');
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 40);
      await page.mouse.down();
      await page.mouse.move(box.x + 120, box.y + 80, { steps: 5 });
      await page.mouse.move(box.x + 220, box.y + 30, { steps: 5 });
      await page.mouse.up();
      await expect.poll(() => page.locator('input[name="trace"]').inputValue()).toMatch(/^M \d+ \d+ L /);
    }
    await check(page, 'signed');
    await page.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await expect.poll(() => page.getByText('Mandat signé : il est actif.').count()).toBe(1);
    // Avec JavaScript, les données de la page sont relues juste après l'avis : attendre qu'elles arrivent.
    await expect
      .poll(() => page.locator('.relais-facts').textContent())
      .toContain(javaScript ? 'Signée sur l’écran (tracé)' : 'Signée sur l’écran (nom écrit et case cochée)');
    const pdf = await page.request.get(`${mandateUrl}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await logDoneInstead(page, file);
    await page.waitForURL((url) => url.searchParams.has('enregistree'));
    await page.goto(`${file}/mandats`);
    await expect.poll(() => page.locator('table').textContent()).toContain('Déclaration envoyée');
    expect(await page.locator('table').textContent()).toContain('caf.fr');
    // Le premier acte de la personne porte le n° 1 pour elle, et son numéro dans le journal de la structure.
    expect(await page.locator('table tbody tr td').first().textContent()).toMatch(/^1 \(journal n° \d+\)$/);
    // L'historique dit une fois « établi et signé », et l'acte avec son rang pour la personne.
    await page.goto(file);
    const timeline = (await page.locator('.relais-timeline').textContent()) ?? '';
    expect(timeline).toContain('Mandat établi et signé');
    expect(timeline).not.toContain('Mandat signé (');
    expect(timeline).toMatch(/1er acte pour la personne · n° \d+ du journal de la structure/);

    await page.goto(mandateUrl);
    await page.getByRole('button', { name: 'Révoquer le mandat' }).click();
    await expect.poll(() => page.locator('#reason-erreur').count()).toBe(1);
    await page.locator('#reason').fill('À la demande de la personne');
    await page.getByRole('button', { name: 'Révoquer le mandat' }).click();
    await expect.poll(() => page.getByText('Mandat révoqué').count()).toBe(1);
    await expect.poll(() => page.locator('.fr-badge').first().textContent()).toBe('Révoqué');
    // Les seules erreurs de la console sont les réponses 400 des formulaires refusés exprès.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    await close();
  });

  it("établit un mandat d'un jour depuis la sollicitation, sans rien perdre de la saisie", async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName: javaScript ? 'Jules' : 'Jeanne', lastName: 'Mandant' });
    // Sans mandat, le mandat d'un jour est proposé dès « J'ai fait à la place », sans attendre un refus.
    await chooseDoneInstead(page, file);
    expect(await page.getByRole('heading', { name: /Aucun mandat ne couvre ce domaine/ }).count()).toBe(1);
    expect(await page.locator('#procedure').inputValue()).toBe('Déclaration trimestrielle RSA');
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await expect.poll(() => page.locator('#mandatSigne-erreur').count()).toBe(1);
    expect(await page.locator('#actDone').inputValue()).toBe('Déclaration envoyée');
    await check(page, 'mandatConsent');
    await check(page, 'mandatConsent-donnees');
    await check(page, 'mandatConsent-droits');
    await check(page, 'mandatConsent-revocable');
    await check(page, 'mandatProtection');
    await page.locator('#mandatSignataire').fill(`${javaScript ? 'Jules' : 'Jeanne'} Mandant`);
    await check(page, 'mandatSigne');
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await page.waitForURL((url) => url.searchParams.has('enregistree'));
    await page.goto(`${file}/mandats`);
    await expect.poll(() => page.getByRole('link', { name: /Actif — Social - Santé/ }).count()).toBe(1);
    expect(await page.locator('main, body').first().textContent()).toContain('1 jour');
    await close();
  });
});

describe('mandat signé sur papier (JavaScript coupé, clavier seul), accessibilité', () => {
  it('imprime, déclare signé à la date du papier, et toutes les pages passent axe à 320 px', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName: 'Paulette', lastName: 'Mandant' });
    await page.goto(`${file}/mandats/nouveau`);
    // Au clavier seul : chaque case se coche à la barre d'espace, le bouton se déclenche avec Entrée.
    for (const id of [
      'areas',
      'areas-famille',
      'duration-un_an',
      'consent',
      'consent-donnees',
      'consent-droits',
      'consent-revocable',
      'protection',
    ]) {
      await page.focus(`#${id}`);
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: 'Établir le mandat' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/mandats\/[0-9a-f-]{36}/);
    await page.locator('#signedOn').fill('2099-01-01');
    await page.getByRole('button', { name: 'Le mandat papier est signé' }).click();
    expect(await page.locator('#signedOn-erreur').textContent()).toBe('La date de signature ne peut pas être dans le futur.');
    await page.locator('#signedOn').fill(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }));
    await page.getByRole('button', { name: 'Le mandat papier est signé' }).click();
    await expect.poll(() => page.getByText('Signature sur papier enregistrée').count()).toBe(1);
    expect(await page.locator('.relais-facts').textContent()).toContain('Signée sur papier');
    const mandateUrl = new URL(page.url()).pathname;
    await close();

    for (const width of [1280, 320]) {
      const view = await newPage(browser, { javaScript: true, width });
      await signIn(view.page, 'mediation@alpha.test');
      for (const url of ['/mandats', '/mandats?vue=termines', mandateUrl, `${file}/mandats`, `${file}/mandats/nouveau`, file]) {
        await view.page.goto(url);
        await expectAccessible(view.page);
        await expectNoHorizontalScroll(view.page);
      }
      await view.close();
    }
  });

  it("refuse les mandats à l'accueil, et un mandat d'une autre structure (404)", async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'accueil@alpha.test');
    expect((await page.goto('/mandats'))?.status()).toBe(403);
    await close();
    const beta = await newPage(browser, { javaScript: false });
    await signIn(beta.page, 'mediation@alpha.test');
    await beta.page.goto('/mandats');
    const href = (await beta.page.locator('table a').first().getAttribute('href'))!;
    await beta.close();
    const other = await newPage(browser, { javaScript: false });
    await signIn(other.page, 'mediation@beta.test');
    expect((await other.page.goto(href))?.status()).toBe(404);
    expect((await other.page.goto(`${href}/pdf`))?.status()).toBe(404);
    await other.close();
  });
});
