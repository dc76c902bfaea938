// Ateliers (C6), de bout en bout, au téléphone : le médiateur crée un atelier (erreurs à côté des champs, saisie
// gardée), le modifie, et crée une séance de 2 places dans l'heure ; inscrit une personne depuis l'étape de son plan, une autre depuis
// sa fiche ; la troisième, inscrite depuis sa sollicitation, trouve la séance complète et passe sur la liste
// d'attente ; une désinscription lui propose la place (SMS dans l'outbox), qu'on confirme ; les présences se notent ;
// l'étape du plan est faite, l'attestation proposée, le pilotage compte la séance. Puis une personne s'inscrit dans
// son espace et se désinscrit. JavaScript actif (375 px) et coupé (320 px), 0 violation axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from './journeys';
import { lastCodeFor, textsTo } from './outbox';
import { expectAccessible, expectNoHorizontalScroll, followMenu, launch, newPage, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Dans une heure, à l'heure de Paris : le jour (AAAA-MM-JJ) et l'heure (HH:MM) d'une séance qu'on pourra noter. */
function inAnHour() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(Date.now() + 60 * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const phoneOf = (seed: number) => `07${String(Date.now() + seed).slice(-8)}`.replace(/(\d\d)(?=\d)/g, '$1 ');

async function check(page: Page, javaScript: boolean) {
  if (javaScript) await expectAccessible(page);
  await expectNoHorizontalScroll(page);
}

const JOURNEYS = [
  { javaScript: true, width: 375, label: 'JavaScript actif, 375 px' },
  { javaScript: false, width: 320, label: 'JavaScript coupé, 320 px' },
];

describe.each(JOURNEYS)('ateliers ($label)', ({ javaScript, width }) => {
  it('atelier et séance ; inscriptions depuis le plan et la fiche ; liste d’attente ; place libérée proposée puis confirmée ; présences ; étape faite', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    const suffix = javaScript ? 'JS' : 'sans JS';
    const title = `Envoyer un courriel (${suffix}) ${Date.now() % 100000}`;
    await signIn(page, 'mediation@alpha.test');

    // Les personnes d'abord (des noms bien distincts : la saisie signale un doublon possible) ; la première a une étape
    // « atelier collectif » dans son plan.
    const people = javaScript
      ? [
          ['Awa', 'Kouyaté'],
          ['Bruno', 'Lefebvre'],
          ['Chloé', 'Vasseur'],
        ]
      : [
          ['Aminata', 'Ouedraogo'],
          ['Baptiste', 'Ricard'],
          ['Céline', 'Marchal'],
        ];
    const [first, second, third] = people.map(([firstName]) => firstName!) as [string, string, string];
    const phones = [phoneOf(1), phoneOf(2), phoneOf(3)];
    const files: string[] = [];
    for (const [index, [firstName, lastName]] of people.slice(0, 2).entries())
      files.push(await newPerson(page, { firstName: firstName!, lastName: lastName!, phone: phones[index] }));
    await page.goto(`${files[0]}/parcours`);
    await page.locator('#kind').selectOption('atelier_collectif');
    await page.locator('#label').fill('Apprendre à envoyer un courriel');
    await page.getByRole('button', { name: "Ajouter l'étape" }).click();
    await page.getByText('Étape ajoutée au plan.').waitFor();

    // L'atelier : refusé sans titre ni description (erreurs à côté, durée gardée), puis ajouté.
    await followMenu(page, 'Ateliers');
    await page.getByRole('heading', { level: 1, name: 'Ateliers' }).waitFor();
    await page.locator('#durationMinutes').fill('90');
    await page.getByRole('button', { name: 'Ajouter l’atelier' }).click();
    await page.locator('#title-erreur').waitFor();
    expect(await page.locator('#description-erreur').textContent()).toContain('mots simples');
    expect(await page.locator('#durationMinutes').inputValue()).toBe('90');
    await check(page, javaScript);
    await page.locator('#title').fill(title);
    await page.locator('#theme').selectOption('email');
    await page.locator('#description').fill('Vous écrivez un courriel. Vous l’envoyez à un proche.');
    await page.getByRole('button', { name: 'Ajouter l’atelier' }).click();
    await page.getByRole('link', { name: 'Ouvrir l’atelier et programmer une séance' }).click();

    // Modifié : sans description, refusé (le titre gardé) ; puis une description plus simple.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('link', { name: 'Modifier l’atelier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier l’atelier' }).waitFor();
    expect(await page.locator('#title').inputValue()).toBe(title);
    await page.locator('#description').fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.locator('#description-erreur').textContent()).toContain('mots simples');
    expect(await page.locator('#title').inputValue()).toBe(title);
    await check(page, javaScript);
    await page.locator('#description').fill('Vous écrivez un courriel.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Atelier modifié.').waitFor();
    expect(await page.locator('main').textContent()).toContain('Vous écrivez un courriel.');

    // Une séance de 2 places dans une heure (on pourra noter les présences).
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const { day, time } = inAnHour();
    await page.locator('#capacity').fill('0');
    await page.locator('#day').fill(day);
    await page.locator('#startTime').fill(time);
    await page.getByRole('button', { name: 'Programmer' }).click();
    expect(await page.locator('#capacity-erreur').textContent()).toBe('Une séance a au moins 1 place.');
    expect(await page.locator('#day').inputValue()).toBe(day);
    await check(page, javaScript);
    await page.locator('#capacity').fill('2');
    await page.getByRole('button', { name: 'Programmer' }).click();
    await page.getByRole('heading', { level: 1, name: `${title}, ` }).waitFor();
    const sessionUrl = new URL(page.url()).pathname;
    expect(await page.locator('main').textContent()).toContain('0 inscrit sur 2 places');

    // La première, depuis l'étape de son plan ; la deuxième, depuis sa fiche.
    await page.goto(`${files[0]}/parcours`);
    await page.getByRole('link', { name: 'Inscrire à une séance pour « Apprendre à envoyer un courriel »' }).click();
    await page.getByRole('heading', { level: 1, name: `Ateliers de ${first}` }).waitFor();
    await page.locator('#sessionId').selectOption({ label: (await optionLabel(page, title))! });
    expect(await page.locator('#planStepId option:checked').textContent()).toBe('Apprendre à envoyer un courriel');
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await page.getByText('Inscription faite. Un message part à la personne.').waitFor();
    await check(page, javaScript);
    await page.goto(files[1]!);
    await page.getByRole('link', { name: 'Ateliers', exact: true }).last().click();
    await page.locator('#sessionId').selectOption({ label: (await optionLabel(page, title))! });
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await page.getByText('Inscription faite. Un message part à la personne.').waitFor();

    // La troisième vient pour une démarche ; de la sollicitation enregistrée, on l'inscrit : la séance est complète (dit
    // à côté du champ, séance gardée) ; elle passe sur la liste d'attente.
    files.push(await newPerson(page, { firstName: people[2]![0]!, lastName: people[2]![1]!, phone: phones[2] }));
    await page.getByRole('link', { name: 'Inscrire à un atelier' }).click();
    await page.getByRole('heading', { level: 1, name: `Ateliers de ${third}` }).waitFor();
    await page.locator('#sessionId').selectOption({ label: (await optionLabel(page, title))! });
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    expect(await page.locator('#sessionId-erreur').textContent()).toContain('Cette séance est complète (2 places prises sur 2)');
    await check(page, javaScript);
    await page.getByRole('button', { name: 'Inscrire sur la liste d’attente' }).click();
    await page.getByText('La personne est sur la liste d’attente. Un message le lui dit.').waitFor();

    // La deuxième se désinscrit : la place est proposée à la troisième, par SMS ; elle appelle, on confirme pour elle.
    await page.goto(sessionUrl);
    expect(await page.locator('main').textContent()).toContain('complet (2 places), 1 en attente');
    await check(page, javaScript);
    // Moins de places que d'inscrits : refusé, le nombre dit à côté du champ.
    await page.locator('#capacity').fill('1');
    await page.getByRole('button', { name: 'Changer', exact: true }).click();
    expect(await page.locator('#capacity-erreur').textContent()).toContain('2 places sont déjà prises');
    expect(await page.locator('#capacity').inputValue()).toBe('1');
    await page.getByRole('button', { name: `Désinscrire : ${second}` }).click();
    await page.getByText('Désinscription notée.').waitFor();
    await expect.poll(() => textsTo(phones[2]!).join('\n'), { timeout: 30_000 }).toContain("une place s'est libérée");
    await page.getByRole('button', { name: `Confirmer (la personne a répondu) : ${third}` }).click();
    await page.getByText('Place confirmée : la personne est inscrite.').waitFor();

    // Les présences, sur une tablette ou un téléphone : la première présente, la troisième absente.
    await page.getByRole('link', { name: 'Noter les présences' }).click();
    await page.getByRole('heading', { level: 1, name: /^Présences/ }).waitFor();
    await check(page, javaScript);
    await page.getByRole('group', { name: first }).getByText('Présent').click();
    await page.getByRole('group', { name: third }).getByText('Absent').click();
    await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await page.getByText('Présences enregistrées. Les étapes des plans sont à jour.').waitFor();

    // L'étape du plan de la première est faite ; sa page d'ateliers le dit.
    await page.goto(`${files[0]}/parcours`);
    const step = page.locator('li', { hasText: 'Apprendre à envoyer un courriel' }).first();
    expect(await step.locator('.fr-badge').textContent()).toBe('Faite');
    await page.goto(`${files[0]}/ateliers`);
    expect(await page.locator('main').textContent()).toContain('Présent');
    await page.getByRole('link', { name: /^Attestation de participation/ }).waitFor();

    // Le pilotage du médiateur compte la séance qu'il a animée.
    await followMenu(page, 'Pilotage');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/séances? d’atelier/);
    await close();
  });

  it('dans son espace, la personne s’inscrit à un atelier, puis ne vient plus', async () => {
    const mediator = await newPage(browser, { javaScript, width });
    await signIn(mediator.page, 'mediation@alpha.test');
    const digits = `06${String(Date.now()).slice(-8)}`;
    const file = await newPerson(mediator.page, {
      firstName: javaScript ? 'Zoé' : 'Yanis',
      lastName: javaScript ? 'Espace-Atelier' : 'Portail-Atelier',
      phone: digits.replace(/(\d\d)(?=\d)/g, '$1 '),
    });
    await mediator.page.goto(file);
    await mediator.page.getByRole('link', { name: 'Espace personnel' }).click();
    await mediator.page.locator('label[for="channel"]').click();
    await mediator.page.locator('label[for="consent"]').click();
    await mediator.page.getByRole('button', { name: "Ouvrir l'espace" }).click();
    await mediator.page.getByText('Espace ouvert. La personne peut se connecter.').waitFor();
    await mediator.close();

    const resident = await newPage(browser, { javaScript, width });
    const portal = resident.page;
    await portal.goto('/mon-espace');
    await portal.locator('#contact').fill(digits);
    await portal.locator('#contact').press('Enter');
    await portal.waitForURL(/\/mon-espace\/code$/);
    await portal.locator('#code').fill(await lastCodeFor(digits));
    await portal.locator('#code').press('Enter');
    await portal.waitForURL(/\/mon-espace\/accueil$/);
    await portal.getByRole('link', { name: 'Mes ateliers' }).click();
    await portal.getByRole('heading', { level: 1, name: 'Mes ateliers' }).waitFor();
    await check(portal, javaScript);
    const first = portal
      .locator('section[aria-labelledby="prochains"] li', { has: portal.getByRole('button', { name: 'Je m’inscris' }) })
      .first();
    const title = (await first.locator('h3').textContent())!;
    await first.getByRole('button', { name: 'Je m’inscris' }).click();
    await portal.getByText('C’est fait. Vous êtes inscrit. Vous allez recevoir un message.').waitFor();
    const mine = portal.locator('section[aria-labelledby="mes"] li', { hasText: title });
    expect(await mine.textContent()).toContain('Vous êtes inscrit.');
    await check(portal, javaScript);
    await mine.getByRole('button', { name: 'Je ne viens plus' }).click();
    await portal.getByText('C’est noté. Vous ne venez plus.').waitFor();
    await resident.close();
  });
});

/** Le libellé de l'option de la séance de cet atelier (il porte aussi l'heure et les places). */
async function optionLabel(page: Page, title: string) {
  return page.locator('#sessionId option', { hasText: title }).first().textContent();
}
