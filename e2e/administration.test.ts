// Parcours d'administration de bout en bout, JavaScript coupé : inviter un agent, qu'il choisisse son
// mot de passe et active la double authentification ; un agent de deux structures choisit la sienne.
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, signOut } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Les e-mails écrits dans DATA_DIR/outbox pour ce destinataire (le worker les envoie au tour suivant). */
function mailsTo(email: string) {
  const outbox = path.join(inject('dataDir'), 'outbox');
  if (!fs.existsSync(outbox)) return [];
  return fs
    .readdirSync(outbox)
    .sort()
    .map((file) => fs.readFileSync(path.join(outbox, file), 'utf8'))
    .filter((text) => text.includes(`To: ${email}`))
    .map((text) => text.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
}

/** Le lien du dernier e-mail reçu par ce destinataire, attendu le temps d'un tour du worker. */
async function lastLinkFor(email: string) {
  await expect.poll(() => mailsTo(email).length, { timeout: 20_000 }).toBeGreaterThan(0);
  return new URL(/https?:\/\/\S+\/mot-de-passe\/nouveau\?jeton=[\w-]+/.exec(mailsTo(email).at(-1)!)![0]);
}

async function totpCode(page: Page) {
  const secret = (await page.locator('code').textContent())!.replace(/\s/g, '');
  return { secret, code: await generate({ secret }) };
}

describe('inviter un agent (JavaScript coupé)', () => {
  it("garde la saisie et explique l'erreur, puis envoie l'invitation", async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'admin@alpha.test');
    await page.goto('/administration/utilisateurs');
    await page.getByLabel('Prénom et nom').fill('Inès Martin');
    await page.getByLabel('Adresse e-mail professionnelle').fill('ines.martin@alpha');
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    expect(await page.locator('#email-erreur').textContent()).toContain('Indiquez une adresse e-mail valide');
    expect(await page.locator('#role-erreur').textContent()).toBe('Choisissez un rôle dans la liste.');
    expect(await page.getByLabel('Prénom et nom').inputValue()).toBe('Inès Martin');
    await page.getByLabel('Adresse e-mail professionnelle').fill('ines.martin@alpha.test');
    await page.getByLabel('Rôle', { exact: true }).selectOption('mediateur');
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => page.getByText('Invitation envoyée à ines.martin@alpha.test.').count()).toBe(1);
    expect(
      await page
        .getByRole('row', { name: /Inès Martin/ })
        .getByText('Invitation envoyée')
        .count(),
    ).toBe(1);
    await close();
  });

  it('change le rôle de l’invitée et dit ce qui a changé ; « Partenaire » ne lui est pas proposé', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'admin@alpha.test');
    await page.goto('/administration/utilisateurs');
    const select = page.getByLabel("Rôle d'Inès Martin");
    expect(await select.locator('option').allTextContents()).not.toContain('Partenaire');
    expect(await page.getByLabel('Rôle', { exact: true }).locator('option').allTextContents()).toContain(
      "Partenaire (personne d'une structure partenaire)",
    );
    await select.selectOption('accueil');
    await page.getByRole('button', { name: "Changer le rôle d'Inès Martin" }).click();
    await expect.poll(() => page.getByText("Rôle d'Inès Martin changé : Médiateur / écrivain public → Agent d'accueil.").count()).toBe(1);
    expect(await page.getByLabel("Rôle d'Inès Martin").inputValue()).toBe('accueil');
    await select.selectOption('mediateur');
    await page.getByRole('button', { name: "Changer le rôle d'Inès Martin" }).click();
    await expect.poll(() => page.getByText("Rôle d'Inès Martin changé : Agent d'accueil → Médiateur / écrivain public.").count()).toBe(1);
    await close();
  });

  it('avec JavaScript, sur un téléphone, la confirmation d’un changement vient sous les yeux', async () => {
    const { page, close } = await newPage(browser, { javaScript: true, width: 375 });
    await signIn(page, 'admin@alpha.test');
    await page.goto('/administration/utilisateurs');
    // En fiches, la première suit sa légende sans blanc (le script du DSFR y laissait 84 px d'en-têtes cachés).
    const table = page.getByRole('table', { name: /Agents de la structure/ });
    await expect
      .poll(() =>
        table.evaluate(
          (t) => t.querySelector('tbody tr')!.getBoundingClientRect().top - t.querySelector('caption')!.getBoundingClientRect().bottom,
        ),
      )
      .toBeLessThan(24);
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    const button = page.getByRole('button', { name: "Changer le rôle d'Inès Martin" });
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const notice = page.getByText("Inès Martin était déjà Médiateur / écrivain public : rien n'a changé.");
    await expect.poll(() => notice.count()).toBe(1);
    await expect
      .poll(() => notice.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= innerHeight))
      .toBe(true);
    await close();
  });

  it("l'agent invité choisit son mot de passe, active le TOTP, puis se reconnecte avec un code", async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    const link = await lastLinkFor('ines.martin@alpha.test');
    await page.goto(link.pathname + link.search);
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByLabel('Confirmation').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    expect(await page.locator('#password-erreur').textContent()).toBe('Le mot de passe doit contenir au moins 12 caractères.');
    await page.getByLabel('Nouveau mot de passe').fill('la mer est calme ce matin');
    await page.getByLabel('Confirmation').fill('la mer est calme ce matin');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect.poll(() => page.getByText('Votre mot de passe est enregistré.').count()).toBe(1);

    await signIn(page, 'ines.martin@alpha.test', 'la mer est calme ce matin');
    expect(new URL(page.url()).pathname).toBe('/compte/double-authentification');
    expect(await page.getByRole('img', { name: /QR code/ }).count()).toBe(1);
    const { secret, code } = await totpCode(page);
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Activer' }).click();
    expect(await page.locator('#code-erreur').textContent()).toContain('Ce code ne correspond pas');
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByRole('button', { name: 'Activer' }).click();
    expect(await page.locator('h1').textContent()).toBe('Bonjour Inès Martin');
    await signOut(page);

    await signIn(page, 'ines.martin@alpha.test', 'la mer est calme ce matin');
    expect(new URL(page.url()).pathname).toBe('/connexion/code');
    // Le code déjà utilisé à l'activation est refusé (rejeu).
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    expect(await page.locator('#code-erreur').textContent()).toContain('déjà utilisé');
    await page.goto('/administration/journal');
    expect(new URL(page.url()).pathname).toBe('/connexion/code');
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByLabel('Code à 6 chiffres').fill(next);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    expect(await page.locator('h1').textContent()).toBe('Bonjour Inès Martin');
    await close();
  });
});

describe('un agent membre de deux structures', () => {
  it('choisit la structure active, puis en change', async () => {
    const admin = await newPage(browser, { javaScript: true });
    await signIn(admin.page, 'admin@alpha.test');
    await admin.page.goto('/administration/utilisateurs');
    await admin.page.getByLabel('Prénom et nom').fill('Thomas Leroy');
    await admin.page.getByLabel('Adresse e-mail professionnelle').fill('mediation@beta.test');
    await admin.page.getByLabel('Rôle', { exact: true }).selectOption('mediateur');
    await admin.page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect.poll(() => admin.page.getByText('Invitation envoyée à mediation@beta.test.').count()).toBe(1);
    await admin.close();

    for (const javaScript of [true, false]) {
      const { page, close } = await newPage(browser, { javaScript });
      await signIn(page, 'mediation@beta.test');
      if (javaScript) {
        // Un compte existant n'est rattaché qu'en acceptant l'invitation, annoncée sur son tableau de bord.
        await page.getByRole('link', { name: "Répondre à l'invitation" }).click();
        await page.waitForURL((url) => url.pathname === '/structure');
        expect(await page.locator('label', { hasText: "CCAS d'Alpha" }).count()).toBe(0);
        await expectAccessible(page);
        await page.getByRole('button', { name: "Accepter l'invitation de CCAS d'Alpha" }).click();
        await expect.poll(() => page.locator('label', { hasText: "CCAS d'Alpha" }).count()).toBe(1);
      } else {
        // Nouvelle session, deux structures, aucune active : rien n'est coché d'avance.
        await page.waitForURL((url) => url.pathname === '/structure');
        await page.getByRole('button', { name: 'Continuer' }).click();
        await expect.poll(() => page.locator('#structure-erreur').textContent()).toBe('Choisissez une structure.');
      }
      // Le bouton radio du DSFR est masqué derrière son libellé stylé : on clique sur le libellé.
      await page.locator('label', { hasText: "CCAS d'Alpha" }).click();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await expect.poll(() => page.locator('.fr-header__service-title').textContent()).toBe("CCAS d'Alpha");
      await page.getByRole('link', { name: 'Changer de structure' }).click();
      await page.locator('label', { hasText: 'CCAS de Beta' }).click();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await expect.poll(() => page.locator('.fr-header__service-title').textContent()).toBe('CCAS de Beta');
      await close();
    }

    // Remise en état : les autres parcours attendent un compte de Beta seul. Désactiver son accès à
    // Alpha lui rend une structure unique, choisie d'office à la connexion.
    const restore = await newPage(browser, { javaScript: false });
    await signIn(restore.page, 'admin@alpha.test');
    await restore.page.goto('/administration/utilisateurs');
    await restore.page.getByRole('button', { name: 'Désactiver Thomas Leroy' }).click();
    expect(
      await restore.page
        .getByRole('row', { name: /Thomas Leroy/ })
        .getByText('Désactivé')
        .count(),
    ).toBe(1);
    await restore.close();
    const single = await newPage(browser, { javaScript: false });
    await signIn(single.page, 'mediation@beta.test');
    expect(await single.page.locator('.fr-header__service-title').textContent()).toBe('CCAS de Beta');
    await single.close();
  });
});

describe('partenariats', () => {
  it("montre les partenaires acceptés d'Alpha, accessible, JavaScript actif et coupé à 320 px", async () => {
    for (const javaScript of [true, false]) {
      const { page, close } = await newPage(browser, { javaScript, width: 320 });
      await signIn(page, 'admin@alpha.test');
      await page.goto('/administration/partenariats');
      expect(await page.locator('h1').textContent()).toBe('Partenariats');
      expect(await page.getByRole('button', { name: /Mettre fin : Médiathèque/ }).count()).toBe(1);
      await expectNoHorizontalScroll(page);
      if (javaScript) await expectAccessible(page);
      await close();
    }
  });
});

describe('paramètres de la structure (JavaScript coupé)', () => {
  it('refuse un code postal invalide sans perdre la saisie, puis enregistre', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'admin@alpha.test');
    await page.goto('/administration/structure');
    await page.locator('#name').fill("CCAS de la ville d'Alpha");
    await page.locator('#postalCode').fill('7501');
    await page.locator('#latitude').fill('quarante-sept');
    await page.locator('#referralReminderDays').fill('45');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.locator('#postalCode-erreur').textContent()).toBe('Le code postal comporte 5 chiffres, par exemple 75011.');
    expect(await page.locator('#latitude-erreur').textContent()).toBe(
      "La latitude s'écrit en degrés décimaux, entre -90 et 90 (ex. 47.3941).",
    );
    expect(await page.locator('#referralReminderDays-erreur').textContent()).toBe(
      'Au-delà de 30 jours, une orientation sans réponse expire : indiquez 30 au plus.',
    );
    expect(await page.locator('#name').inputValue()).toBe("CCAS de la ville d'Alpha");
    await page.locator('#postalCode').fill('01000');
    await page.locator('#latitude').fill('47,3941'); // la virgule française est acceptée
    await page.locator('#referralReminderDays').fill('7');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Paramètres enregistrés.').count()).toBe(1);
    expect(await page.locator('.fr-header__service-title').textContent()).toBe("CCAS de la ville d'Alpha");
    // Remise en état pour les autres parcours.
    await page.locator('#name').fill("CCAS d'Alpha");
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await close();
  });
});

describe('organismes de la structure (JavaScript coupé)', () => {
  it('le responsable ajoute un organisme, le médiateur le choisit, puis il est retiré', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/administration/organismes');
    await page.locator('#label').fill('caf');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    expect(await page.locator('#label-erreur').textContent()).toBe('« CAF » fait déjà partie de la liste nationale.');
    expect(await page.locator('#label').inputValue()).toBe('caf');
    await page.locator('#label').fill("Épicerie solidaire d'Alpha");
    await page.locator('#theme').selectOption('social_sante');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.getByText("« Épicerie solidaire d'Alpha » est ajouté à la liste des organismes.").count()).toBe(1);
    await signOut(page);

    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations/nouvelle?anonyme=1');
    const option = page.locator('#organisation option', { hasText: "Épicerie solidaire d'Alpha" });
    expect(await option.count()).toBe(1);
    expect(await page.locator('#organisation option', { hasText: "Mission locale d'Alpha" }).count()).toBe(1);
    await signOut(page);

    await signIn(page, 'direction@alpha.test');
    await page.goto('/administration/organismes');
    await page.getByRole('button', { name: "Retirer Épicerie solidaire d'Alpha" }).click();
    await expect.poll(() => page.getByText('Organisme retiré de la liste.').count()).toBe(1);
    await signOut(page);
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/sollicitations/nouvelle?anonyme=1');
    expect(await option.count()).toBe(0);
    await close();
  });
});

describe('motifs de rendez-vous', () => {
  it('le responsable ajoute un motif (erreurs à côté des champs, saisie gardée), le retire puis le remet ; accessible à 320 px', async () => {
    for (const javaScript of [false, true]) {
      // Un motif par passage, de durée différente : le second passage voit aussi celui du premier.
      const [name, minutes] = javaScript ? ['Aide aux droits (JavaScript actif)', '50'] : ['Aide aux droits (JavaScript coupé)', '40'];
      const { page, close } = await newPage(browser, { javaScript, width: 320 });
      await signIn(page, 'direction@alpha.test');
      await page.goto('/administration/motifs');
      expect(await page.locator('h1').textContent()).toBe('Motifs de rendez-vous');
      expect(await page.getByText('Déclarer ses revenus en ligne', { exact: true }).count()).toBe(1);
      await page.locator('#name').fill(name);
      await page.locator('#durationMinutes').fill('32');
      await page.locator('#instructions').fill('Mot de passe ameli : Soleil2024!');
      await page.getByRole('button', { name: 'Ajouter le motif' }).click();
      await expect.poll(() => page.locator('#durationMinutes-erreur').textContent()).toContain('multiple de 5');
      expect(await page.locator('#instructions-erreur').textContent()).toMatch(/mot de passe/i);
      expect(await page.locator('#name').inputValue()).toBe(name);
      await page.locator('#durationMinutes').fill(minutes);
      await page.locator('#instructions').fill('Apportez vos courriers récents.');
      await page.locator('label[for="locationType-telephone"]').click();
      await page.locator('label[for="bookableBy-habitants"]').click();
      await page.locator('#organisation').selectOption('caf');
      await page.getByRole('button', { name: 'Ajouter le motif' }).click();
      await expect.poll(() => page.getByText(`Le motif « ${name} » est ajouté.`).count()).toBe(1);
      await expect
        .poll(() => page.locator('li', { hasText: name }).textContent())
        .toContain(`${minutes} min · Par téléphone · Aussi les habitants, dans leur espace · CAF`);
      await expectNoHorizontalScroll(page);
      if (javaScript) await expectAccessible(page);
      await page.getByRole('button', { name: `Retirer le motif ${name}` }).click();
      await expect.poll(() => page.getByText('Motif retiré : il ne se propose plus.').count()).toBe(1);
      await page.getByRole('button', { name: `Remettre le motif ${name}` }).click();
      await expect.poll(() => page.getByText('Motif remis.').count()).toBe(1);
      await close();
    }
  });
});
