// Orientations (C3) de bout en bout : le médiateur oriente une personne vers la médiathèque (partenaire sur Relais)
// et imprime la fiche ; la médiathèque prend en compte l'orientation et dit ce qu'il en est advenu ; le médiateur
// voit le résultat, jusque dans l'historique de la personne. Axe, 320 px, et ce que le partenaire ne voit pas.
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
const MEDIATHEQUE = "Médiathèque d'Alpha — espace numérique";

describe.each(PHONE_JOURNEYS)('orientations ($label)', ({ javaScript, width }) => {
  it('oriente vers un partenaire, imprime la fiche ; le partenaire répond ; le médiateur voit le résultat', async () => {
    const firstName = javaScript ? 'Yasmine' : 'Bernadette';
    const mediator = await newPage(browser, { javaScript, width });
    const { page } = mediator;
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName, lastName: 'Orientée', phone: '06 11 22 33 44' });
    await page.goto(file);
    await page.getByRole('link', { name: 'Orienter vers un lieu' }).click();
    await page.waitForURL(/\/orienter$/);
    // Le lieu se choisit dans l'annuaire : chaque lieu trouvé offre « Orienter ici ».
    await page.getByRole('link', { name: "chercher dans l'annuaire" }).click();
    await page.waitForURL(/\/lieux\?pour=/);
    await page.locator('#q').fill('Médiathèque');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/q=M/);
    await page.getByRole('link', { name: `Orienter ${firstName} Orientée ici : ${MEDIATHEQUE}` }).click();
    await page.waitForURL(/\/orienter\?lieu=/);
    expect(await page.locator('#placeId option:checked').textContent()).toContain(MEDIATHEQUE);
    // Seuls les services de ce lieu sont proposés, et la liste dit lesquels.
    expect(await page.locator('#service-aide').textContent()).toMatch(/^Facultatif\. Ce lieu propose : .*Loisirs et créations numériques/);
    expect(await page.locator('#service option').allTextContents()).not.toContain('Aide aux démarches administratives');
    await page.locator('#reason').fill('Ateliers pour apprendre à lire ses e-mails seule.');
    await page.locator('#toBring').fill('Son téléphone.');
    await check(page, 'channel-rendez_vous');
    await page.getByRole('button', { name: 'Orienter la personne' }).click();
    // Un rendez-vous sans date, et un partage sans l'accord de la personne : refusés, saisie gardée.
    await expect.poll(() => page.locator('#appointmentAt-erreur').textContent()).toBe('Indiquez la date et l’heure du rendez-vous.');
    expect(await page.locator('#consent-erreur').textContent()).toMatch(
      /^Le partenaire ne reçoit le nom, le contact et le motif qu’avec l’accord de la personne/,
    );
    expect(await page.locator('#reason').inputValue()).toBe('Ateliers pour apprendre à lire ses e-mails seule.');
    if (javaScript) await expectAccessible(page);
    await page.locator('#appointmentAt').fill('2026-12-15T14:30');
    await check(page, 'consent');
    await page.getByRole('button', { name: 'Orienter la personne' }).click();
    await page.waitForURL(/\/orientations\/[0-9a-f-]{36}\?envoyee=1$/);
    await page.getByText("Médiathèque d'Alpha la reçoit sur Relais.").waitFor();
    const referral = new URL(page.url()).pathname;
    const pdf = await page.request.get(`${referral}/fiche.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    if (javaScript) await expectAccessible(page);

    // La médiathèque voit le minimum, le prend en compte, puis dit ce qu'il en est advenu.
    const partner = await newPage(browser, { javaScript, width });
    await signIn(partner.page, 'partenaire@mediatheque-alpha.test');
    await partner.page.goto('/orientations');
    await partner.page.getByRole('link', { name: `${firstName} Orientée` }).click();
    await partner.page.waitForURL(/\/orientations\/recues\/[0-9a-f-]{36}$/);
    await partner.page.getByRole('heading', { level: 1, name: "Orientation reçue de CCAS d'Alpha" }).waitFor();
    expect(await partner.page.getByText(`${firstName} Orientée · 06 11 22 33 44`, { exact: false }).count()).toBe(1);
    await partner.page.getByRole('button', { name: 'Prendre en compte' }).click();
    await expect.poll(() => partner.page.locator('.relais-facts').textContent()).toContain('Prise en compte');
    // Un rendez-vous avec le CCAS pour la personne orientée, dans l'agenda du CCAS ; il s'inscrit sur l'orientation.
    await partner.page.getByRole('link', { name: `Prendre un rendez-vous pour ${firstName} Orientée` }).click();
    await partner.page.getByRole('heading', { level: 1, name: "Prendre un rendez-vous avec CCAS d'Alpha" }).waitFor();
    await partner.page.locator('#motif').selectOption({ label: 'Démarches CAF (30 min, sur place)' });
    await partner.page.getByRole('button', { name: 'Voir les créneaux libres' }).click();
    await partner.page.locator('button[name="creneau"]').first().waitFor();
    if (javaScript) await expectAccessible(partner.page);
    await partner.page.locator('button[name="creneau"]').first().click();
    await partner.page.getByText(`Le rendez-vous est pris. ${firstName} Orientée reçoit la confirmation.`).waitFor();
    expect(await partner.page.locator('section[aria-labelledby="rendez-vous"]').textContent()).toContain('Démarches CAF, le ');
    await partner.page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect.poll(() => partner.page.locator('#outcome-erreur').textContent()).toBe('Choisissez ce qu’il est advenu de la personne.');
    await check(partner.page, 'outcome-refusee');
    await partner.page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect
      .poll(() => partner.page.locator('#refusalReason-erreur').textContent())
      .toBe('Une orientation refusée dit pourquoi : choisissez le motif.');
    await check(partner.page, 'outcome-accompagnee');
    await partner.page.locator('#comment').fill('Inscrite aux ateliers du mardi.');
    await partner.page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await partner.page.getByText("Orientation close : CCAS d'Alpha voit le résultat.").waitFor();
    if (javaScript) await expectAccessible(partner.page);
    // Le partenaire n'ouvre ni la fiche de la personne, ni l'orientation côté CCAS.
    expect((await partner.page.goto(file))!.status()).toBe(403);
    expect((await partner.page.goto(referral))!.status()).toBe(403);
    await partner.close();

    await page.goto(referral);
    expect(await page.locator('.relais-facts').textContent()).toContain('Close · Accompagnée');
    expect(await page.locator('.relais-facts').textContent()).toContain('Inscrite aux ateliers du mardi.');
    expect(await page.locator('section[aria-labelledby="rendez-vous"]').textContent()).toMatch(/Démarches CAF, le .* \(prévu\)/);
    await page.goto(file);
    // Le commentaire du lieu rejoint l'historique de la personne.
    expect(await page.locator('.relais-timeline').textContent()).toContain('résultat : Accompagnée · « Inscrite aux ateliers du mardi. »');
    await mediator.close();
  });
});

describe('orientations : lieu prévenu par un lien signé', () => {
  it('le lieu sans compte ouvre son lien, prend en compte, répond ; un lien rejoué ou altéré le dit ; le médiateur voit la réponse', async () => {
    const mediator = await newPage(browser, { javaScript: true });
    const { page } = mediator;
    await signIn(page, 'mediation@alpha.test');
    await newPerson(page, { firstName: 'Fatou', lastName: 'Orientée', phone: '06 22 33 44 55' });
    await page.getByRole('link', { name: 'Orienter vers un lieu' }).click();
    await page.waitForURL(/\/orienter$/);
    const option = await page.locator('#placeId option', { hasText: 'Association Papiers pour tous' }).getAttribute('value');
    expect(await page.locator('#placeId option', { hasText: 'Association Papiers pour tous' }).textContent()).toContain(
      'prévenu par e-mail',
    );
    // Sans lieu, aucun service à choisir ; le lieu choisi, ses services seuls.
    expect(await page.locator('#service option').count()).toBe(1);
    await page.locator('#placeId').selectOption(option!);
    await expect.poll(() => page.locator('#service option').allTextContents()).toContain('Aide aux démarches administratives');
    expect(await page.locator('#service option').allTextContents()).not.toContain('Loisirs et créations numériques');
    await page.locator('#reason').fill('Titre de séjour à renouveler sur le site de l’ANEF.');
    await check(page, 'consent');
    await check(page, 'sendSlip'); // la fiche par SMS, son seul contact
    await page.locator('#service').selectOption('Aide aux démarches administratives');
    await page.getByRole('button', { name: 'Orienter la personne' }).click();
    await page.waitForURL(/\/orientations\/[0-9a-f-]{36}\?envoyee=1$/);
    await page.getByText('Le lieu reçoit par e-mail (contact@papiers-pour-tous.test) un lien pour la voir et répondre.').waitFor();
    expect(await page.locator('.relais-messages').textContent()).toMatch(/Lien envoyé au lieu — E-mail à contact@papiers-pour-tous\.test/);
    expect(await page.locator('.relais-messages').textContent()).toMatch(/Fiche envoyée à la personne — SMS à 06 22 33 44 55/);
    await expectAccessible(page);
    const referral = new URL(page.url()).pathname;
    const link = await page.locator('#lien').inputValue();
    expect(link).toMatch(/\/lien\/orientation\/[0-9a-f-]{36}\.\d+\.[\w-]+$/);

    // Le lieu, sans compte ni JavaScript, ouvre le lien dans deux onglets.
    const place = await newPage(browser, { javaScript: false });
    await place.page.goto(link);
    await place.page.getByRole('heading', { level: 1, name: "Orientation de CCAS d'Alpha vers Association Papiers pour tous" }).waitFor();
    expect(await place.page.getByText('Fatou Orientée · 06 22 33 44 55', { exact: false }).count()).toBe(1);
    const stale = await place.page.context().newPage();
    await stale.goto(link);
    await place.page.getByRole('button', { name: 'Bien reçu : nous nous en occupons' }).click();
    await expect.poll(() => place.page.locator('.relais-facts').textContent()).toContain('Prise en compte');
    await check(place.page, 'outcome-refusee');
    await place.page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect
      .poll(() => place.page.locator('#refusalReason-erreur').textContent())
      .toBe('Une orientation refusée dit pourquoi : choisissez le motif.');
    await check(place.page, 'outcome-accompagnee');
    await place.page.locator('#answeredBy').fill('Sophie, bénévole');
    await place.page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await place.page.getByText("Merci : votre réponse est enregistrée, CCAS d'Alpha la voit.").waitFor();
    // L'onglet resté ouvert renvoie une autre réponse : refusée, rien ne change.
    await check(stale, 'outcome-non_venue');
    await stale.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await stale.getByText('Cette orientation est déjà close : la réponse enregistrée ne change plus.').waitFor();
    expect(await stale.locator('.relais-facts').textContent()).toContain('Close · Accompagnée');
    // Un lien altéré n'ouvre rien.
    const forged = await place.page.goto(link.slice(0, -3) + 'abc');
    expect(forged!.status()).toBe(404);
    expect(await place.page.locator('main').textContent()).toContain('Ce lien n’est pas valable.');
    await place.close();

    await page.goto(referral);
    expect(await page.locator('.relais-facts').textContent()).toContain('Close · Accompagnée');
    expect(await page.locator('.relais-facts').textContent()).toContain('par le lieu, avec son lien (Sophie, bénévole)');
    await mediator.close();
  });

  it('le responsable voit les envois de la structure', async () => {
    const { page, close } = await newPage(browser, { javaScript: true, width: 320 });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/administration/envois');
    await page.getByRole('heading', { level: 1, name: 'Envois' }).waitFor();
    expect(await page.locator('table').first().textContent()).toMatch(/Lien envoyé au lieu/);
    expect(await page.locator('table').first().textContent()).toMatch(/c•••@papiers-pour-tous\.test/);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await close();
  });
});

describe('orientations : lieu sans compte, relance, 320 px', () => {
  it('sans partenaire, rien n’est transmis et le médiateur note lui-même le résultat', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    await newPerson(page, { firstName: 'Gisèle', lastName: 'Orientée', phone: '06 11 22 33 44' });
    // Depuis la sollicitation qui vient d'être enregistrée.
    await page.getByRole('link', { name: 'Orienter vers un lieu' }).click();
    await page.waitForURL(/\/orienter$/);
    const option = await page.locator('#placeId option', { hasText: 'PIMMS Médiation' }).getAttribute('value');
    await page.locator('#placeId').selectOption(option!);
    await page.locator('#reason').fill('Chèque énergie à demander.');
    await check(page, 'consent-non');
    await page.getByRole('button', { name: 'Orienter la personne' }).click();
    await page.getByText('Rien n’a été transmis au lieu : remettez la fiche à la personne.').waitFor();
    await check(page, 'outcome'); // « Venue », la première réponse
    await page.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect.poll(() => page.locator('.relais-facts').textContent()).toContain('Close · Venue');
    await close();
  });

  it('liste les orientations à relancer, et reste lisible à 320 px', async () => {
    const { page, close } = await newPage(browser, { javaScript: true, width: 320 });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/orientations?vue=a-relancer');
    expect(await page.getByText(/Sans réponse du partenaire depuis 7 jours ou plus/).count()).toBe(1);
    expect(await page.locator('.relais-results li').count()).toBeGreaterThan(0);
    expect(await page.locator('.relais-results').textContent()).toMatch(/à relancer|expirée/);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.locator('.relais-results a').first().click();
    await page.waitForURL(/\/orientations\/[0-9a-f-]{36}$/);
    await expectNoHorizontalScroll(page);
    await close();
  });

  it('le pilotage du responsable compte les orientations closes et le délai de réponse', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/pilotage');
    expect(await page.locator('.relais-figures').textContent()).toMatch(
      /\d+ orientations, \d+ % closes \(réponse en [\d,]+ j en médiane\)/,
    );
    await close();
  });
});
