// La file d'attente : l'accueil enregistre une arrivée, un médiateur la prend en charge et enregistre la
// sollicitation préremplie ; avec JavaScript, la file se met à jour seule sur un autre écran.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, PHONE_JOURNEYS } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe.each(PHONE_JOURNEYS)("file d'attente ($label)", ({ javaScript, width }) => {
  it('enregistre une arrivée, la prend en charge, puis enregistre la sollicitation', async () => {
    const name = javaScript ? 'Fatou Js' : 'Fatou Html';
    const desk = await newPage(browser, { javaScript, width });
    await signIn(desk.page, 'accueil@alpha.test');
    await desk.page.goto('/accueil');
    await desk.page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await expect.poll(() => desk.page.locator('#displayName-erreur').count()).toBe(1);
    await desk.page.locator('#displayName').fill(name);
    await desk.page.locator('#organisation').selectOption('caf');
    await desk.page.locator('#reason').fill('Courrier de la CAF');
    await desk.page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await expect.poll(() => desk.page.getByRole('row', { name: new RegExp(name) }).count()).toBe(1);
    // Enregistrée : le formulaire est vide pour la personne suivante (avec JavaScript aussi, la page restant montée).
    await expect.poll(() => desk.page.locator('#displayName').inputValue()).toBe('');
    expect(await desk.page.locator('#reason').inputValue()).toBe('');
    expect(await desk.page.locator('#organisation').inputValue()).toBe('');
    await desk.close();

    const mediator = await newPage(browser, { javaScript, width });
    await signIn(mediator.page, 'mediation@alpha.test');
    await mediator.page.goto('/accueil');
    await mediator.page.getByRole('button', { name: `Prendre en charge ${name}` }).click();
    await mediator.page.waitForURL((url) => url.searchParams.has('file'));
    await expect.poll(() => mediator.page.locator('#firstName').inputValue()).toBe(name);
    expect(await mediator.page.locator('#organisation').inputValue()).toBe('caf');
    expect(await mediator.page.locator('#procedure').inputValue()).toBe('Courrier de la CAF');
    await mediator.page.locator('label[for="consent"]').click();
    await mediator.page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await mediator.page.waitForURL((url) => url.searchParams.has('enregistree'));
    await mediator.page.getByRole('link', { name: 'Voir la fiche de la personne' }).click();
    await mediator.page.waitForURL(/\/personnes\//);
    await expect
      .poll(() => mediator.page.locator('.relais-timeline').textContent())
      .toMatch(/Arrivée à l'accueil \(Courrier de la CAF\) — reçue après \d+ min/);
    await mediator.page.goto('/accueil');
    expect(await mediator.page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    await mediator.close();
  });

  it('note un départ sans avoir été reçu', async () => {
    const name = javaScript ? 'Marcel Js' : 'Marcel Html';
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'accueil@alpha.test');
    await page.goto('/accueil');
    await page.locator('#displayName').fill(name);
    await page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(1);
    await page.getByRole('button', { name: `Parti sans être reçu : ${name}` }).click();
    await expect.poll(() => page.getByText('Départ sans rendez-vous noté.').count()).toBe(1);
    expect(await page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    await close();
  });

  it('garde en vue une personne prise sans suite, et la remet dans la file à sa place', async () => {
    const name = javaScript ? 'Yasmine Js' : 'Yasmine Html';
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/accueil');
    await page.locator('#displayName').fill(name);
    await page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(1);
    await page.getByRole('button', { name: `Prendre en charge ${name}` }).click();
    await page.waitForURL((url) => url.searchParams.has('file'));
    // Interrompu avant d'enregistrer : la personne n'a pas disparu, elle est « en cours » chez ce médiateur.
    await page.goto('/accueil');
    const taken = page.locator('#en-cours + p + ul li', { hasText: name });
    await expect.poll(() => taken.textContent()).toMatch(/prise en charge à .* par vous/);
    expect(await page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    await page.getByRole('button', { name: `Remettre dans la file : ${name}` }).click();
    await expect.poll(() => page.getByText("Personne remise dans la file, à sa place d'arrivée.").count()).toBe(1);
    expect(await page.getByRole('row', { name: new RegExp(name) }).count()).toBe(1);
    if (javaScript) await expectAccessible(page); // axe s'exécute dans la page : JavaScript actif seulement
    await page.getByRole('button', { name: `Parti sans être reçu : ${name}` }).click();
    await expect.poll(() => page.getByText('Départ sans rendez-vous noté.').count()).toBe(1);
    await close();
  });

  it("retrouve une personne déjà venue : sa fiche suit l'arrivée jusqu'au médiateur", async () => {
    // « Fatou … » a une fiche depuis le premier parcours.
    const name = javaScript ? 'Fatou Js' : 'Fatou Html';
    const desk = await newPage(browser, { javaScript, width });
    await signIn(desk.page, 'accueil@alpha.test');
    await desk.page.goto('/accueil');
    await desk.page.locator('#q').fill(name);
    await desk.page.getByRole('button', { name: 'Rechercher' }).click();
    await desk.page.getByRole('link', { name }).click();
    await expect.poll(() => desk.page.getByText(`Fiche de ${name}`).count()).toBe(1);
    expect(await desk.page.locator('#displayName').inputValue()).toBe(name);
    await desk.page.locator('#reason').fill('Attestation de paiement');
    await desk.page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await expect.poll(() => desk.page.getByRole('row', { name: /Attestation de paiement/ }).count()).toBe(1);
    await desk.close();

    const mediator = await newPage(browser, { javaScript, width });
    await signIn(mediator.page, 'mediation@alpha.test');
    await mediator.page.goto('/accueil');
    await mediator.page.getByRole('button', { name: `Prendre en charge ${name}` }).click();
    await mediator.page.waitForURL((url) => url.searchParams.has('file'));
    await expect.poll(() => mediator.page.locator('#procedure').inputValue()).toBe('Attestation de paiement');
    // Une personne connue : pas de champs de nouvelle fiche, son nom en tête du formulaire.
    expect(await mediator.page.locator('#firstName').count()).toBe(0);
    expect(await mediator.page.locator('.fr-text--lead', { hasText: name }).count()).toBe(1);
    await mediator.close();
  });
});

describe("file d'attente en direct", () => {
  it("montre une nouvelle arrivée sur l'écran d'un médiateur sans recharger la page", async () => {
    const mediator = await newPage(browser, { javaScript: true });
    await signIn(mediator.page, 'mediation@alpha.test');
    await mediator.page.goto('/accueil');
    await mediator.page.waitForLoadState('networkidle').catch(() => {});
    const desk = await newPage(browser, { javaScript: false });
    await signIn(desk.page, 'accueil@alpha.test');
    await desk.page.goto('/accueil');
    await desk.page.locator('#displayName').fill('Arrivée en direct');
    await desk.page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await expect.poll(() => mediator.page.getByRole('row', { name: /Arrivée en direct/ }).count(), { timeout: 10_000 }).toBe(1);
    await mediator.page.getByRole('button', { name: 'Parti sans être reçu : Arrivée en direct' }).click();
    await expect.poll(() => mediator.page.getByRole('row', { name: /Arrivée en direct/ }).count()).toBe(0);
    await desk.close();
    await mediator.close();
  });

  it('0 violation axe, 320 px, et un écran en continu qui se recharge sans JavaScript', async () => {
    for (const width of [1280, 320]) {
      const { page, close } = await newPage(browser, { javaScript: true, width });
      await signIn(page, 'accueil@alpha.test');
      await page.goto('/accueil');
      await page.locator('#displayName').fill(`Axe ${width}`);
      await page.getByRole('button', { name: 'Ajouter à la file' }).click();
      await expect.poll(() => page.getByRole('row', { name: new RegExp(`Axe ${width}`) }).count()).toBe(1);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.goto('/accueil?ecran=1');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.goto('/accueil');
      await page.getByRole('button', { name: `Parti sans être reçu : Axe ${width}` }).click();
      await close();
    }
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'accueil@alpha.test');
    await page.goto('/accueil');
    await page.locator('#displayName').fill('Hortense Lemaire');
    await page.locator('#reason').fill('Titre de séjour');
    await page.getByRole('button', { name: 'Ajouter à la file' }).click();
    await page.goto('/accueil?ecran=1');
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('30');
    // L'écran fait face au public : le prénom et l'initiale, jamais le nom ni le motif.
    const screen = (await page.locator('main').textContent()) ?? '';
    expect(screen).toContain('Hortense L.');
    expect(screen).not.toContain('Lemaire');
    expect(screen).not.toContain('Titre de séjour');
    await page.goto('/accueil');
    await page.getByRole('button', { name: 'Parti sans être reçu : Hortense Lemaire' }).click();
    await close();
  });
});
