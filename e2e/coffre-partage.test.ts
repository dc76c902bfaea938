// Coffre-fort (C5) de bout en bout, du médiateur à l'organisme : le médiateur range un titre de séjour avec la personne ;
// elle le voit dans son espace et le transmet à la CAF pour 7 jours ; la CAF l'ouvre avec le lien et le code reçus à
// part (un code faux refusé) ; la personne voit l'ouverture et arrête le partage ; le lien ne mène plus à rien. Puis
// elle joint le titre à son orientation vers la médiathèque (partenaire sur Relais), qui l'ouvre depuis l'orientation
// reçue ; enfin elle le montre à son médiateur, qui l'ouvre sans motif. La personne voit chaque ouverture.
// JavaScript actif (375 px, axe) et coupé (320 px).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfTextOf } from '../test/pdf';
import { newPerson } from './journeys';
import { emailsTo, lastCodeFor } from './outbox';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn } from './browser';

let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-partage-'));
const photo = path.join(dir, 'titre.jpg');

beforeAll(async () => {
  browser = await launch();
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 230, g: 240, b: 250 } } })
    .jpeg()
    .toFile(photo);
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function checkPage(page: Page, javaScript: boolean) {
  if (javaScript) await expectAccessible(page);
  await expectNoHorizontalScroll(page);
}

const MEDIATHEQUE = "Médiathèque d'Alpha — espace numérique";
const JOURNEYS = [
  { javaScript: true, width: 375, label: 'JavaScript actif, 375 px' },
  { javaScript: false, width: 320, label: 'JavaScript coupé, 320 px' },
];

describe.each(JOURNEYS)('coffre-fort, partages décidés par la personne ($label)', ({ javaScript, width }) => {
  it('titre de séjour rangé par le médiateur, transmis à la CAF (lien et code), joint à l’orientation vers la médiathèque, montré à son médiateur', async () => {
    const digits = `06${String(Date.now()).slice(-8)}`;
    const caf = `caf-${digits}@exemple.test`;
    const firstName = javaScript ? 'Amina' : 'Bintou';

    // Le médiateur : l'espace personnel (SMS), puis le coffre-fort et le titre de séjour.
    const agent = await newPage(browser, { javaScript, width });
    await signIn(agent.page, 'mediation@alpha.test');
    const file = await newPerson(agent.page, { firstName, lastName: 'Partage', phone: digits.replace(/(\d\d)(?=\d)/g, '$1 ') });
    await agent.page.goto(`${file}/espace`);
    await agent.page.locator('label[for="channel"]').click();
    await agent.page.locator('label[for="consent"]').click();
    await agent.page.getByRole('button', { name: "Ouvrir l'espace" }).click();
    await agent.page.getByText('Espace ouvert. La personne peut se connecter.').waitFor();
    await agent.page.goto(`${file}/coffre`);
    await agent.page.locator('label[for="accord"]').click();
    await agent.page.getByRole('button', { name: "Enregistrer l'accord" }).click();
    await agent.page.getByText('Accord enregistré').waitFor();
    await agent.page.locator('#kind').selectOption('titre_sejour');
    await agent.page.locator('#fichiers').setInputFiles(photo);
    await agent.page.locator('#expiresOn').fill('2027-02-15');
    await agent.page.getByRole('button', { name: 'Ajouter au coffre-fort' }).click();
    await agent.page.getByText('Papier ajouté, chiffré dans le coffre-fort.').waitFor();
    // Il finit dans moins de 3 mois : il est dans la liste des papiers qui expirent.
    await agent.page.goto('/coffre/echeances');
    await agent.page.getByRole('heading', { level: 2, name: `${firstName} Partage — Titre de séjour` }).waitFor();
    await checkPage(agent.page, javaScript);
    // Orientée vers la médiathèque, partenaire sur Relais, avec son accord.
    await agent.page.goto(`${file}/orienter`);
    const library = await agent.page.locator('#placeId option', { hasText: MEDIATHEQUE }).getAttribute('value');
    await agent.page.locator('#placeId').selectOption(library!);
    await agent.page.locator('#reason').fill('Imprimer et envoyer son dossier de renouvellement.');
    await agent.page.locator('label[for="consent"]').click();
    await agent.page.getByRole('button', { name: 'Orienter la personne' }).click();
    await agent.page.getByText("Médiathèque d'Alpha la reçoit sur Relais.").waitFor();
    await agent.close();

    // La personne : son code par SMS, puis « Mes papiers ».
    const resident = await newPage(browser, { javaScript, width });
    const page = resident.page;
    await page.goto('/mon-espace');
    await page.locator('#contact').fill(digits);
    await page.locator('#contact').press('Enter');
    await page.waitForURL(/\/mon-espace\/code$/);
    await page.locator('#code').fill(await lastCodeFor(digits));
    await page.locator('#code').press('Enter');
    await page.waitForURL(/\/mon-espace\/accueil$/);
    await page.getByRole('link', { name: 'Mes papiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes papiers' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Titre de séjour' }).waitFor();
    // À moins de 3 mois de sa fin, le papier le dit.
    expect(await page.locator('main').textContent()).toContain('Attention : ce papier finit le 15 février 2027.');
    await checkPage(page, javaScript);

    // Transmettre : rien de choisi, puis le titre de séjour, à la CAF, pour 7 jours.
    await page.getByRole('link', { name: 'Envoyer des papiers à un organisme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Envoyer des papiers' }).waitFor();
    expect(await page.getByLabel('Un organisme, par e-mail').isChecked()).toBe(true);
    await page.locator('#nom').fill('CAF');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await expect.poll(() => page.locator('#papiers-erreur').textContent()).toBe('Choisissez au moins 1 papier.');
    expect(await page.locator('#email-erreur').textContent()).toBe('Écrivez l’adresse e-mail de l’organisme.');
    expect(await page.locator('#nom').inputValue()).toBe('CAF');
    await checkPage(page, javaScript);
    await page.getByLabel('Titre de séjour').check();
    await page.locator('#email').fill(caf);
    await page.locator('label[for="duree-7j"]').click();
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByRole('heading', { name: 'C’est envoyé' }).waitFor();
    const shownCode = (await page.locator('#code-partage').textContent())!.replace(/\s/g, '');
    expect(shownCode).toMatch(/^\d{6}$/);
    await checkPage(page, javaScript);

    // La CAF : le lien dans un e-mail, le code dans un autre.
    await expect.poll(() => emailsTo(caf).length, { timeout: 30_000 }).toBe(2);
    // Écrits dans la même milliseconde, les deux fichiers de l'outbox peuvent se ranger dans un ordre ou l'autre.
    const linkPattern = /https?:\/\/\S+\/partage\/\S+/;
    const mails = emailsTo(caf);
    const linkMail = mails.find((mail) => linkPattern.test(mail));
    const codeMail = mails.find((mail) => mail !== linkMail);
    const link = new URL(linkPattern.exec(linkMail!)![0]);
    expect(codeMail).toContain(`${shownCode.slice(0, 3)} ${shownCode.slice(3)}`);
    const institution = await newPage(browser, { javaScript, width });
    const cafPage = institution.page;
    await cafPage.goto(link.pathname);
    await cafPage.getByRole('heading', { name: `Papiers transmis par ${firstName} Partage` }).waitFor();
    await cafPage.locator('#code').fill(shownCode === '000000' ? '111111' : '000000');
    await cafPage.getByRole('button', { name: 'Ouvrir les papiers' }).click();
    await expect.poll(() => cafPage.locator('#code-erreur').textContent()).toMatch(/^Ce code n’est pas le bon\. .*encore 4 essais\.$/);
    await checkPage(cafPage, javaScript);
    await cafPage.locator('#code').fill(shownCode);
    await cafPage.getByRole('button', { name: 'Ouvrir les papiers' }).click();
    await cafPage.getByRole('heading', { name: 'Les papiers' }).waitFor();
    await checkPage(cafPage, javaScript);
    const [download] = await Promise.all([
      cafPage.waitForEvent('download'),
      cafPage.getByRole('link', { name: 'Télécharger : Titre de séjour' }).click(),
    ]);
    const text = await pdfTextOf(fs.readFileSync(await download.path()));
    expect(text).toMatch(new RegExp(`Transmis par ${firstName} Partage le .* pour CAF`));

    // La personne voit l'ouverture, puis arrête le partage.
    await page.goto('/mon-espace/papiers');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/CAF a téléchargé votre papier « Titre de séjour » le /);
    await page.getByRole('button', { name: 'Arrêter ce partage : CAF' }).click();
    await page.getByText('Le partage est arrêté. Le lien ne marche plus.').waitFor();
    await checkPage(page, javaScript);

    // Le lien ne mène plus à rien, même dans le navigateur déjà ouvert par le code.
    const refused = await cafPage.goto(link.pathname);
    expect(refused?.status()).toBe(410);
    await cafPage.getByText('La personne a arrêté ce partage').waitFor();
    await institution.close();

    // Joindre le titre à l'orientation vers la médiathèque : ni nom, ni adresse, ni code.
    await page.getByRole('link', { name: 'Envoyer des papiers à un organisme' }).click();
    await page.getByLabel(`${MEDIATHEQUE} : nous vous avons orienté là-bas`).check();
    await page.getByLabel('Titre de séjour').check();
    await page.locator('label[for="duree-1m"]').click();
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText("Médiathèque d'Alpha peut voir vos papiers dans Relais.").waitFor();
    await checkPage(page, javaScript);

    // La médiathèque l'ouvre depuis l'orientation reçue, marqué à son nom.
    const partner = await newPage(browser, { javaScript, width });
    await signIn(partner.page, 'partenaire@mediatheque-alpha.test');
    await partner.page.goto('/orientations');
    await partner.page.getByRole('link', { name: `${firstName} Partage` }).click();
    await partner.page.getByRole('heading', { level: 2, name: 'Papiers joints par la personne' }).waitFor();
    await checkPage(partner.page, javaScript);
    const [joined] = await Promise.all([
      partner.page.waitForEvent('download'),
      partner.page.getByRole('link', { name: 'Télécharger : Titre de séjour (PDF)' }).click(),
    ]);
    expect(await pdfTextOf(fs.readFileSync(await joined.path()))).toMatch(
      new RegExp(`Transmis par ${firstName} Partage le .* pour Médiathèque d'Alpha`),
    );
    await partner.close();
    await page.goto('/mon-espace/papiers');
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(/Médiathèque d'Alpha a téléchargé votre papier « Titre de séjour » le /);

    // Le montrer à son médiateur : il l'ouvre sans motif à donner, et la personne le voit.
    await page.getByRole('link', { name: 'Envoyer des papiers à un organisme' }).click();
    await page.getByLabel('Julien Moreau, qui vous aide ici').check();
    await page.getByLabel('Titre de séjour').check();
    await page.locator('label[for="duree-1j"]').click();
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText('Julien Moreau peut voir vos papiers dans Relais.').waitFor();
    const mediator = await newPage(browser, { javaScript, width });
    await signIn(mediator.page, 'mediation@alpha.test');
    await mediator.page.goto(`${file}/coffre`);
    await mediator.page.getByRole('link', { name: 'Ouvrir le papier Titre de séjour' }).click();
    await mediator.page.getByText(/vous a montré ce papier, jusqu'au .* : vous l'ouvrez sans motif/).waitFor();
    expect(await mediator.page.locator('#motif').count()).toBe(0);
    await checkPage(mediator.page, javaScript);
    const [shown] = await Promise.all([
      mediator.page.waitForEvent('download'),
      mediator.page.getByRole('button', { name: 'Ouvrir le papier' }).click(),
    ]);
    expect(fs.statSync(await shown.path()).size).toBeGreaterThan(0);
    await mediator.close();
    await page.goto('/mon-espace/papiers');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Julien Moreau a téléchargé votre papier « Titre de séjour » le /);
    await resident.close();
  });
});
