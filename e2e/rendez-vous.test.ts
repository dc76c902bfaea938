// Rendez-vous (C7) de bout en bout : le médiateur ajoute une plage (une saisie fausse refusée champ par champ, valeurs
// gardées) ; l'accueil prend un rendez-vous pour une personne sur un créneau libre, et un créneau pris entre-temps est
// refusé avec la raison ; le rendez-vous est au planning du jour ; un rendez-vous passé « à renseigner » est honoré et
// ouvre la sollicitation préremplie ; la personne annule avec le lien de son SMS. JavaScript actif et coupé, à la largeur d'un téléphone, axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from './journeys';
import { textsTo } from './outbox';
import { expectAccessible, launch, newPage, PHONE_JOURNEYS, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const check = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

describe.each(PHONE_JOURNEYS)('rendez-vous ($label)', ({ javaScript, width }) => {
  it('plage ajoutée, rendez-vous pris (le créneau pris entre-temps refusé), planning, « à renseigner » honoré', async () => {
    // Deux personnes bien distinctes (des noms proches feraient proposer la première fiche au second passage).
    const [firstName, lastName] = javaScript ? ['Nadia', 'Fontenelle'] : ['Gaspard', 'Marchetti'];
    const mediator = await newPage(browser, { javaScript, width });
    const { page } = mediator;
    await signIn(page, 'mediation@alpha.test');

    // Une plage : sans motif ni heures justes, refusée champ par champ ; puis le samedi (ou le dimanche) après-midi.
    await page.goto('/rendez-vous/plages');
    await page.getByRole('heading', { level: 1, name: "Plages d'ouverture et absences" }).waitFor();
    // Tous les motifs sont cochés d'office : les décocher tous.
    for (const id of await page.locator('input[name="motifIds"]').evaluateAll((boxes) => boxes.map((box) => box.id))) await check(page, id);
    await page.locator('#siteId').selectOption({ index: 1 });
    await check(page, javaScript ? 'weekdays-5' : 'weekdays-6');
    await page.locator('#startTime').fill('15:00');
    await page.locator('#endTime').fill('13:00');
    await page.getByRole('button', { name: 'Ajouter la plage' }).click();
    await expect.poll(() => page.locator('#motifIds-erreur').textContent()).toBe('Cochez au moins un motif servi pendant cette plage.');
    expect(await page.locator('#endTime-erreur').textContent()).toBe('L’heure de fin vient après l’heure de début.');
    expect(await page.locator('#startTime').inputValue()).toBe('15:00');
    if (javaScript) await expectAccessible(page);
    await check(page, 'motifIds');
    await page.locator('#startTime').fill('13:00');
    await page.locator('#endTime').fill('15:00');
    await page.getByRole('button', { name: 'Ajouter la plage' }).click();
    await page.getByText('La plage est ajoutée.').waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain(javaScript ? 'samedi, 13:00–15:00' : 'dimanche, 13:00–15:00');

    // La personne, puis le rendez-vous pris à l'accueil.
    // Le numéro tel que la fiche le range (par paires), et donc tel que le SMS le porte.
    const phone = `07${String(Date.now()).slice(-8)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
    await newPerson(page, { firstName, lastName, phone });
    await mediator.close();
    const desk = await newPage(browser, { javaScript, width });
    const other = await newPage(browser, { javaScript, width });
    await signIn(desk.page, 'accueil@alpha.test');
    await signIn(other.page, 'accueil@alpha.test');
    const reception = desk.page;
    await reception.goto('/rendez-vous/nouveau');
    await reception.getByLabel('Pour qui ?').fill(lastName);
    await reception.getByRole('button', { name: 'Rechercher' }).click();
    await reception.getByRole('link', { name: `${firstName} ${lastName}` }).click();
    await reception.locator('#motif').selectOption({ label: 'Démarches CAF (30 min)' });
    await reception.getByRole('button', { name: 'Voir les créneaux libres' }).click();
    await reception.getByRole('heading', { level: 2, name: /Démarches CAF · 30 min/ }).waitFor();
    if (javaScript) await expectAccessible(reception);
    // Le même créneau, ouvert dans un second onglet avant d'être pris.
    await other.page.goto(reception.url());
    const firstSlot = (page: Page) => page.locator('section[aria-labelledby="creneaux"] form button[type="submit"]').first();
    const label = await firstSlot(reception).textContent();
    expect(await firstSlot(other.page).textContent()).toBe(label);
    await firstSlot(reception).click();
    await reception.getByText('Le rendez-vous est pris.').waitFor();
    expect(await reception.locator('h1').textContent()).toBe(`Rendez-vous de ${firstName} ${lastName}`);
    if (javaScript) await expectAccessible(reception);
    await firstSlot(other.page).click();
    await expect
      .poll(() => other.page.locator('#creneau-erreur').textContent())
      .toBe('Ce créneau vient d’être pris : choisissez-en un autre.');
    await other.close();

    // La personne reçoit le SMS de confirmation ; son lien annule le rendez-vous (sans compte), une seule fois.
    await expect.poll(() => textsTo(phone).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const sms = textsTo(phone).at(-1)!;
    expect(sms).toMatch(/RDV pris le /);
    const cancelLink = new URL(/https?:\/\/\S+\/rendez-vous\/annuler\/\S+/.exec(sms)![0]);
    const person = await newPage(browser, { javaScript, width });
    await person.page.goto(cancelLink.pathname);
    await person.page.getByRole('heading', { level: 1, name: 'Mon rendez-vous' }).waitFor();
    if (javaScript) await expectAccessible(person.page);
    await person.page.getByRole('button', { name: 'Annuler mon rendez-vous' }).click();
    await person.page.getByText('Votre rendez-vous est annulé. Merci de nous avoir prévenus.').waitFor();
    await person.page.goto(cancelLink.pathname);
    await person.page.getByText('Ce rendez-vous est déjà annulé.').waitFor();
    await person.close();

    // Au planning de ce jour-là, pour toute la structure.
    await reception.getByRole('link', { name: '← Le planning du jour' }).click();
    await reception.locator('#agent').selectOption('tous');
    await reception.getByRole('button', { name: 'Afficher' }).click();
    await reception.getByText(`${firstName} ${lastName}`).first().waitFor();
    if (javaScript) await expectAccessible(reception);

    // Un rendez-vous passé « à renseigner » : honoré, il ouvre la sollicitation préremplie.
    await reception.goto('/rendez-vous?agent=tous');
    await reception.getByRole('heading', { level: 2, name: /^À renseigner/ }).waitFor();
    await reception.locator('section[aria-labelledby="a-renseigner"] button', { hasText: 'Honoré' }).first().click();
    await reception.waitForURL(/\/sollicitations\/nouvelle\?rendez-vous=/);
    expect(await reception.locator('#procedure').inputValue()).not.toBe('');
    await reception.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
    await reception
      .getByText(/enregistrée/i)
      .first()
      .waitFor();
    await desk.close();
  });
});
