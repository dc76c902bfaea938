// Rendez-vous (C7) de bout en bout : le médiateur ajoute une plage (une saisie fausse refusée champ par champ, valeurs
// gardées) et ouvre l'espace d'une personne ; elle prend un rendez-vous dans son espace ; avec le lien de son SMS, elle
// change d'heure, puis annule ; l'heure libérée est reprise à l'accueil pour une autre personne (prise entre-temps dans
// un second onglet : refusée avec la raison), puis changée d'heure ; le planning ; un rendez-vous « à renseigner » honoré ouvre la
// sollicitation préremplie. JavaScript actif et coupé, à la largeur d'un téléphone, axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from './journeys';
import { lastCodeFor, textsTo } from './outbox';
import { expectAccessible, launch, newPage, PHONE_JOURNEYS, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const check = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

describe.each(PHONE_JOURNEYS)('rendez-vous ($label)', ({ javaScript, width }) => {
  it('plage ; rendez-vous pris dans l’espace, changé puis annulé par le lien ; l’heure reprise à l’accueil (refusée dans un second onglet) ; planning ; « à renseigner » honoré', async () => {
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

    // La personne, avec son espace ouvert (SMS) : elle prendra elle-même son rendez-vous.
    // Le numéro tel que la fiche le range (par paires), et donc tel que le SMS du rendez-vous le porte.
    const digits = `07${String(Date.now()).slice(-8)}`;
    const phone = digits.replace(/(\d\d)(?=\d)/g, '$1 ');
    const file = await newPerson(page, { firstName, lastName, phone });
    await page.goto(file);
    await page.getByRole('link', { name: 'Espace personnel' }).click();
    await check(page, 'channel');
    await check(page, 'consent');
    await page.getByRole('button', { name: "Ouvrir l'espace" }).click();
    await page.getByText('Espace ouvert. La personne peut se connecter.').waitFor();
    await mediator.close();

    // Dans son espace : « Prendre un rendez-vous », le motif, la première heure libre, une place plus tôt demandée.
    const resident = await newPage(browser, { javaScript, width });
    const portal = resident.page;
    await portal.goto('/mon-espace');
    await portal.locator('#contact').fill(digits);
    await portal.locator('#contact').press('Enter');
    await portal.waitForURL(/\/mon-espace\/code$/);
    await portal.locator('#code').fill(await lastCodeFor(digits));
    await portal.locator('#code').press('Enter');
    await portal.waitForURL(/\/mon-espace\/accueil$/);
    await portal.goto('/mon-espace/rendez-vous');
    await portal.getByRole('link', { name: 'Prendre un rendez-vous' }).click();
    await portal.getByRole('link', { name: 'Démarches CAF' }).click();
    await portal.getByRole('heading', { level: 2, name: 'Choisissez une heure.' }).waitFor();
    if (javaScript) await expectAccessible(portal);
    await check(portal, 'plus_tot');
    // Une heure du dernier jour de la semaine : à plus de 4 heures, le SMS porte le lien (la première heure libre,
    // tôt le matin, n'en laisse parfois pas le temps — vu en CI).
    await portal.locator('section[aria-labelledby^="jour-"]').last().locator('button[name="creneau"]').first().click();
    await portal.waitForURL(/\/mon-espace\/rendez-vous\?pris=1$/);
    await portal.getByText('Votre rendez-vous est pris.').waitFor();
    expect(await portal.locator('main').textContent()).toContain('Si une place plus tôt se libère, nous vous prévenons.');
    if (javaScript) await expectAccessible(portal);
    await resident.close();

    // La confirmation arrive par SMS (le worker) ; son lien change l'heure, sans compte ; le lien du SMS « changé » annule.
    // Le second dit « changé » : la nouvelle heure, et le lien du nouveau rendez-vous.
    const smsWithLink = async (count: number) => {
      await expect.poll(() => textsTo(phone).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
      const sms = textsTo(phone).at(-1)!;
      expect(sms).toMatch(count === 1 ? /RDV pris le / : /RDV changé, maintenant le /);
      return new URL(/https?:\/\/\S+\/rendez-vous\/annuler\/\S+/.exec(sms)![0]).pathname;
    };
    const person = await newPage(browser, { javaScript, width });
    await person.page.goto(await smsWithLink(1));
    await person.page.getByRole('heading', { level: 1, name: 'Mon rendez-vous' }).waitFor();
    await person.page.getByRole('link', { name: 'Changer le jour ou l’heure' }).click();
    await person.page.getByRole('heading', { level: 2, name: 'Changer le jour ou l’heure' }).waitFor();
    if (javaScript) await expectAccessible(person.page);
    const lastDay = person.page.locator('section[aria-labelledby^="jour-"]').last();
    const choice = lastDay.locator('button[name="creneau"]').last();
    const freedHour = (await choice.textContent())!;
    const freedDay = (await lastDay.locator('h3').textContent())!;
    await choice.click();
    await person.page.getByText(/^C’est changé : votre rendez-vous est le /).waitFor();
    const newLink = await smsWithLink(2);
    await person.page.goto(newLink);
    await person.page.getByRole('button', { name: 'Annuler mon rendez-vous' }).click();
    await person.page.getByText('Votre rendez-vous est annulé. Merci de nous avoir prévenus.').waitFor();
    await person.page.goto(newLink);
    await person.page.getByText('Ce rendez-vous est déjà annulé.').waitFor();
    await person.close();

    // L'heure libérée se reprend à l'accueil, pour une autre personne ; prise entre-temps dans un second onglet, refusée.
    const desk = await newPage(browser, { javaScript, width });
    const other = await newPage(browser, { javaScript, width });
    await signIn(desk.page, 'accueil@alpha.test');
    await signIn(other.page, 'accueil@alpha.test');
    const reception = desk.page;
    await reception.goto('/rendez-vous/nouveau');
    await reception.getByLabel('Pour qui ?').fill('ben');
    await reception.getByRole('button', { name: 'Rechercher' }).click();
    await reception.locator('section[aria-labelledby="resultats"] a').first().click();
    await reception.locator('#motif').selectOption({ label: 'Démarches CAF (30 min)' });
    await reception.getByRole('button', { name: 'Voir les créneaux libres' }).click();
    await reception.getByRole('heading', { level: 2, name: /Démarches CAF · 30 min/ }).waitFor();
    if (javaScript) await expectAccessible(reception);
    // « 10:00, Centre social, avec Karim » dans l'espace ; « 10:00, mardi 8 décembre, avec Karim · Centre social » ici.
    const [hour, site, agent] = freedHour.split(/, (?:avec )?/);
    const freed = (page: Page) =>
      page.locator('section[aria-labelledby="creneaux"] form button[type="submit"]', {
        hasText: `${hour}, ${freedDay}, avec ${agent} · ${site}`,
      });
    await other.page.goto(reception.url());
    await freed(reception).click();
    await reception.getByText('Le rendez-vous est pris.').waitFor();
    const bookedFor = (await reception.locator('h1').textContent())!.replace(/^Rendez-vous de /, '');
    if (javaScript) await expectAccessible(reception);
    await freed(other.page).click();
    await expect
      .poll(() => other.page.locator('#creneau-erreur').textContent())
      .toBe('Ce créneau vient d’être pris : choisissez-en un autre.');
    await other.close();

    // L'accueil change l'heure (la personne a rappelé) : le nouveau rendez-vous remplace l'ancien.
    await reception.getByRole('link', { name: 'Changer l’heure' }).click();
    await reception.getByRole('heading', { level: 1, name: `Changer l’heure du rendez-vous de ${bookedFor}` }).waitFor();
    if (javaScript) await expectAccessible(reception);
    await reception.locator('section[aria-labelledby="creneaux"] form button[type="submit"]').first().click();
    await reception.getByText('L’heure est changée : la personne est prévenue.').waitFor();
    await reception.getByRole('link', { name: 'remplace un rendez-vous changé d’heure' }).click();
    await reception.getByText('Annulé par le service : Heure changée').waitFor();
    await reception.getByRole('link', { name: /^le rendez-vous du / }).click();

    // Au planning de ce jour-là, pour toute la structure.
    await reception.getByRole('link', { name: '← Le planning du jour' }).click();
    await reception.locator('#agent').selectOption('tous');
    await reception.getByRole('button', { name: 'Afficher' }).click();
    await reception.getByText(bookedFor).first().waitFor();
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
