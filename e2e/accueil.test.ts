// Parcours de l'accueil (C1) : le cas courant au clavier en ≤ 12 touches, une nouvelle personne, une
// personne anonyme, la fiche et son historique ; JavaScript actif et coupé, axe et 320 px.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, PHONE_JOURNEYS } from './browser';
import { logCommonCase } from './journeys';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe.each(PHONE_JOURNEYS)('accueil ($label)', ({ javaScript, width }) => {
  it('enregistre le cas courant au clavier en 12 touches au plus', async () => {
    const { page, problems, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    const keys = await logCommonCase(page);
    expect(keys).toBeLessThanOrEqual(12);
    await expect.poll(() => page.getByText('Sollicitation enregistrée.').count()).toBe(1);
    await page.getByRole('link', { name: 'Voir la fiche de la personne' }).click();
    await page.waitForURL(/\/personnes\//);
    await expect.poll(() => page.locator('.relais-timeline li').count()).toBeGreaterThan(0);
    const first = page.locator('.relais-timeline li').first();
    expect(await first.textContent()).toContain('CAF');
    expect(await first.textContent()).toContain('Accompagné · Fait');
    expect(problems, `erreurs de la console du navigateur :\n${problems.join('\n')}`).toEqual([]);
    await close();
  });

  it('crée une nouvelle personne : erreurs à côté des champs, saisie gardée, secret refusé', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations/nouvelle?nouvelle=1');
    await page.locator('#firstName').fill('Awa');
    await page.locator('#lastName').fill(`Diop${javaScript ? 'Js' : 'Html'}`);
    await page.locator('#birthYear').fill('3000');
    await page.locator('#organisation').selectOption('ants');
    await page.locator('#procedure').fill('Pré-demande de passeport');
    await page.locator('#notes').fill('Mot de passe ANTS : Soleil2024!');
    await page.locator('label[for="outcome-bloque"]').click();
    // Alpha reçoit en deux lieux : le choix est obligatoire (dans les précisions repliées).
    await page.locator('summary', { hasText: 'Plus de précisions' }).click();
    await page.locator('#site').selectOption('');
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await expect.poll(() => page.locator('#notes-erreur').count()).toBe(1);
    expect(await page.locator('#site-erreur').textContent()).toBe("Choisissez le lieu d'accueil où la personne est reçue.");
    expect(await page.locator('#notes-erreur').textContent()).toMatch(/^Ne notez jamais un mot de passe/);
    expect(await page.locator('#birthYear-erreur').textContent()).toBe("L'année de naissance ne peut pas être dans le futur.");
    expect(await page.locator('#consent-erreur').textContent()).toContain('Demandez à la personne');
    expect(await page.locator('#blockedCause-erreur').textContent()).toBe('Indiquez la cause du blocage.');
    expect(await page.locator('#procedure').inputValue()).toBe('Pré-demande de passeport');
    expect(await page.locator('#firstName').inputValue()).toBe('Awa');
    await page.locator('#birthYear').fill('1988');
    await page.locator('#notes').fill('Elle a choisi et noté son mot de passe elle-même.');
    await page.locator('#blockedCause').selectOption('personne_pieces_manquantes');
    await page.locator('#site').selectOption({ label: "CCAS d'Alpha — service Cohésion sociale" });
    await page.locator('label[for="consent"]').click();
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await page.waitForURL((url) => url.searchParams.has('enregistree'));
    await page.getByRole('link', { name: 'Voir la fiche de la personne' }).click();
    await page.waitForURL(/\/personnes\//);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Awa Diop${javaScript ? 'Js' : 'Html'}`);
    expect(await page.locator('.relais-timeline').textContent()).toContain('Bloqué');
    await close();
  });

  it('sur un téléphone, le cas courant tient en peu de hauteur ; la cause du blocage ne paraît qu’avec « Bloqué »', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations/nouvelle?q=ben');
    await page.locator('.relais-results a').first().click();
    await page.waitForURL((url) => url.searchParams.has('personne'));
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Enregistrer la sollicitation' }) });
    const height = (await form.boundingBox())!.height;
    expect(height).toBeLessThan(1600); // 1 368 px ; 3 024 px quand tout se montrait
    expect(await page.locator('#blockedCause').count()).toBe(0);
    expect(await page.locator('#onlineService').count()).toBe(0);
    expect(await page.locator('#channel-sur_place').isVisible()).toBe(false); // replié sous « Plus de précisions »
    await page.locator('label[for="outcome-bloque"]').click();
    if (javaScript) expect(await page.locator('#blockedCause').isVisible()).toBe(true);
    else {
      await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
      await expect.poll(() => page.locator('#blockedCause-erreur').textContent()).toBe('Indiquez la cause du blocage.');
    }
    await close();
  });

  it('note les compétences travaillées quand l’aide a formé la personne', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations/nouvelle?q=ben');
    await page.locator('.relais-results a').first().click();
    await page.waitForURL((url) => url.searchParams.has('personne'));
    // (« J'ai formé » est le premier mode : son identifiant est le nom du champ.)
    // Cachées tant que « J'ai formé » n'est pas coché, montrées dès qu'il l'est : avec ou sans JavaScript (:has).
    expect(await page.locator('#skills-email').isVisible()).toBe(false);
    await page.locator('label[for="mode"]').click();
    expect(await page.locator('#skills-email').isVisible()).toBe(true);
    await page.locator('label[for="skills-email"]').click();
    await page.locator('label[for="skills-navigation_sur_internet"]').click();
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await page.waitForURL((url) => url.searchParams.has('enregistree'));
    await page.getByRole('link', { name: 'Voir la fiche de la personne' }).click();
    await page.waitForURL(/\/personnes\//);
    await expect
      .poll(() => page.locator('.relais-timeline li').first().textContent())
      .toContain('Compétences travaillées : Navigation sur internet, E-mail');
    await close();
  });

  it('enregistre une personne sans l’identifier', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'accueil@alpha.test');
    await page.goto('/sollicitations/nouvelle');
    await page.getByRole('link', { name: 'Sans identifier la personne' }).click();
    await page.waitForURL((url) => url.searchParams.has('anonyme'));
    await page.locator('#organisation').selectOption('cpam');
    await page.locator('#anonymousAgeBand').selectOption('soixante_dix_plus');
    await page.locator('summary', { hasText: 'Plus de précisions' }).click();
    await page.locator('#site').selectOption({ label: 'Mairie annexe des Fontaines' });
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await page.waitForURL((url) => url.searchParams.has('enregistree'));
    await expect.poll(() => page.getByText('Sollicitation enregistrée.').count()).toBe(1);
    // La sollicitation suivante propose le lieu de la dernière.
    await page.goto('/sollicitations/nouvelle?anonyme=1');
    expect(await page.locator('#site option:checked').textContent()).toBe('Mairie annexe des Fontaines');
    // L'accueil ne lit pas les fiches : pas de lien, et la page lui est refusée.
    expect(await page.getByRole('link', { name: 'Voir la fiche de la personne' }).count()).toBe(0);
    await close();
  });
});

describe('accueil : accessibilité et droits', () => {
  it('0 violation axe et pas de défilement horizontal à 320 px', async () => {
    for (const width of [1280, 320]) {
      const { page, close } = await newPage(browser, { javaScript: true, width });
      await signIn(page, 'mediation@alpha.test');
      for (const url of [
        '/sollicitations/nouvelle',
        '/sollicitations/nouvelle?q=lef',
        '/sollicitations/nouvelle?nouvelle=1',
        '/sollicitations/nouvelle?anonyme=1',
      ]) {
        await page.goto(url);
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
      }
      // « Nouvelle personne » se lit en toutes lettres, même sur un téléphone (plus une icône seule de 40 px).
      await page.goto('/sollicitations/nouvelle?q=lef');
      expect((await page.getByRole('link', { name: 'Nouvelle personne' }).boundingBox())!.width).toBeGreaterThan(120);
      await page.locator('.relais-results a').first().click();
      await page.waitForURL((url) => url.searchParams.has('personne'));
      await page.locator('#procedure').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      const person = new URL(page.url()).searchParams.get('personne');
      await page.goto(`/personnes/${person}`);
      expect(await page.locator('.relais-timeline li').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.goto(`/personnes/${person}/modifier`);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await close();
    }
  });

  it("refuse la fiche à l'accueil, et une personne inconnue ou d'une autre structure (404)", async () => {
    const mediator = await newPage(browser, { javaScript: true });
    await signIn(mediator.page, 'mediation@alpha.test');
    await mediator.page.goto('/sollicitations/nouvelle?q=lef');
    const href = await mediator.page.locator('.relais-results a').first().getAttribute('href');
    const alphaPerson = new URL(href!, 'http://x').searchParams.get('personne');
    await mediator.close();

    const reception = await newPage(browser, { javaScript: true });
    await signIn(reception.page, 'accueil@alpha.test');
    expect((await reception.page.goto(`/personnes/${alphaPerson}`))?.status()).toBe(403);
    await reception.close();

    const beta = await newPage(browser, { javaScript: false });
    await signIn(beta.page, 'mediation@beta.test');
    expect((await beta.page.goto(`/personnes/${alphaPerson}`))?.status()).toBe(404);
    expect((await beta.page.goto(`/sollicitations/nouvelle?personne=${alphaPerson}`))?.status()).toBe(404);
    expect((await beta.page.goto('/personnes/pas-un-identifiant'))?.status()).toBe(404);
    await beta.close();
  });
});

describe('listes de sollicitations', () => {
  it('montre ma journée, filtre sans JavaScript, signale un filtre inconnu, et reste accessible', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations');
    expect(await page.locator('caption').textContent()).toContain("Mes sollicitations d'aujourd'hui");
    await page.goto('/sollicitations?vue=toutes&organisme=licorne');
    expect(await page.getByText('Le filtre « organisme » a une valeur inconnue : il est ignoré.').count()).toBe(1);
    await page.locator('#organisme').selectOption('dgfip');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes('DGFiP'))).toBe(true);
    await page.goto('/sollicitations?vue=a-revoir');
    expect(await page.locator('caption').textContent()).toContain('Prochaines étapes dues');
    await page.goto('/sollicitations?vue=bloques&du=2026-12-31&au=2026-01-01');
    expect(await page.getByText('La date de début était après la date de fin').count()).toBe(1);
    await close();
    for (const width of [1280, 320]) {
      const view = await newPage(browser, { javaScript: true, width });
      await signIn(view.page, 'direction@alpha.test');
      for (const url of ['/sollicitations', '/sollicitations?vue=toutes', '/sollicitations?vue=a-revoir', '/sollicitations?vue=bloques']) {
        await view.page.goto(url);
        await expectAccessible(view.page);
        await expectNoHorizontalScroll(view.page);
      }
      await view.close();
    }
  });
});

describe('doublons', () => {
  it('avertit quand une fiche très proche existe, puis crée sur confirmation (JavaScript coupé)', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    for (const attempt of [1, 2]) {
      await page.goto('/sollicitations/nouvelle?nouvelle=1');
      await page.locator('#firstName').fill('Gérard');
      await page.locator('#lastName').fill('Doublon');
      await page.locator('#birthYear').fill('1950');
      await page.locator('#organisation').selectOption('cpam');
      await page.locator('label[for="consent"]').click();
      await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
      if (attempt === 1) await page.waitForURL((url) => url.searchParams.has('enregistree'));
    }
    expect(await page.getByText('Cette personne a peut-être déjà une fiche').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Gérard Doublon (1950)' }).count()).toBe(1);
    expect(await page.locator('#firstName').inputValue()).toBe('Gérard');
    await page.locator('label[for="doublon"]').click();
    await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await page.waitForURL((url) => url.searchParams.has('enregistree'));
    await close();
  });
});

describe('notes privées et arrivée depuis la fiche', () => {
  it("n'accepte pas de secret, montre la note à son auteur seulement, et met la personne en file", async () => {
    const author = await newPage(browser, { javaScript: false });
    await signIn(author.page, 'mediation@alpha.test');
    await author.page.goto('/sollicitations/nouvelle?q=mou');
    const href = await author.page.locator('.relais-results a').first().getAttribute('href');
    const personId = new URL(href!, 'http://x').searchParams.get('personne');
    await author.page.goto(`/personnes/${personId}`);
    await author.page.locator('#body').fill('Son code confidentiel CAF est 90817263');
    await author.page.getByRole('button', { name: 'Enregistrer la note' }).click();
    expect(await author.page.locator('#body-erreur').textContent()).toMatch(/^Ne notez jamais un code secret/);
    expect(await author.page.locator('#body').inputValue()).toContain('code confidentiel');
    await author.page.locator('#body').fill('Préfère être rappelée le matin.');
    await author.page.getByRole('button', { name: 'Enregistrer la note' }).click();
    expect(await author.page.getByText('Note enregistrée.').count()).toBe(1);
    expect(await author.page.locator('.relais-timeline').textContent()).toContain('Préfère être rappelée le matin.');
    await author.page.getByRole('link', { name: 'Enregistrer son arrivée' }).click();
    const name = await author.page.locator('#displayName').inputValue();
    expect(name.length).toBeGreaterThan(2);
    await author.page.getByRole('button', { name: 'Ajouter à la file' }).click();
    expect(await author.page.getByRole('row', { name: new RegExp(name.replace(/[()]/g, '.')) }).count()).toBe(1);
    await author.page.getByRole('button', { name: `Parti sans être reçu : ${name}` }).click();
    await author.close();

    const colleague = await newPage(browser, { javaScript: false });
    await signIn(colleague.page, 'karim.haddad@alpha.test');
    await colleague.page.goto(`/personnes/${personId}`);
    expect(await colleague.page.locator('.relais-timeline').textContent()).not.toContain('Préfère être rappelée le matin.');
    await colleague.close();
  });
});

describe('modifier une fiche (JavaScript coupé)', () => {
  it('vérifie la commune avec le code postal, garde la saisie, enregistre les comptes détenus', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations/nouvelle?q=gar');
    const href = await page.locator('.relais-results a').first().getAttribute('href');
    const personId = new URL(href!, 'http://x').searchParams.get('personne');
    await page.goto(`/personnes/${personId}`);
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.locator('#postalCode').fill('24100');
    await page.locator('#commune').fill('Paris');
    await page.locator('#email').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    expect(await page.locator('#email-erreur').textContent()).toContain('Indiquez une adresse e-mail valide');
    await page.locator('#email').fill('');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    expect(await page.locator('#commune-erreur').textContent()).toContain('Bergerac');
    expect(await page.locator('#postalCode').inputValue()).toBe('24100');
    await page.locator('#commune').fill('bergerac');
    await page.locator('label[for="compte_caf"]').click();
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/modifier'));
    const facts = await page.locator('.relais-facts').textContent();
    expect(facts).toContain('Bergerac (24100)');
    expect(facts).toContain('Compte CAFOui');
    await close();
  });
});
