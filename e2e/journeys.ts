// Parcours navigateur partagés par les tests e2e et par `npm run bench` (sans dépendance à Vitest).
import type { Page } from 'playwright-core';

/** Le navigateur traite l'attribut autofocus juste après le chargement : on attend que le focus y soit. */
export async function waitForFocus(page: Page, selector: string) {
  await page.waitForLoadState('load');
  // Jusqu’à 10 secondes : sur une machine chargée (CI), le premier rendu peut tarder.
  for (let i = 0; i < 100; i++) {
    const focused = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector).catch(() => false);
    if (focused) return;
    await page.waitForTimeout(100);
  }
  const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? '(aucun)').catch(() => '?');
  throw new Error(`Le focus n'est pas arrivé sur ${selector} (${page.url()}) ; il est sur ${where}`);
}

/** Le cas courant : personne déjà venue, CAF, sur place, accompagnée, fait. Renvoie le nombre de touches. */
export async function logCommonCase(page: Page, search = 'ben') {
  // L'autofocus ne s'applique qu'à la page au premier plan : une autre page ouverte dans le navigateur ne doit pas
  // le lui prendre.
  await page.bringToFront();
  await page.goto('/sollicitations/nouvelle');
  // Comme l'agent qui voit le curseur dans le champ avant de taper : sur une machine chargée, l'autofocus peut
  // arriver après l'évènement « load », et une première lettre tapée trop tôt se perdait (« en » : 2 lettres).
  await waitForFocus(page, 'input[name="q"]');
  let keys = 0;
  const press = async (key: string) => {
    keys++;
    await page.keyboard.press(key);
  };
  for (const letter of search) await press(letter);
  await press('Enter');
  await page.waitForURL((url) => url.searchParams.has('q'));
  await waitForFocus(page, '.relais-results a');
  await press('Enter');
  await page.waitForURL((url) => url.searchParams.has('personne'));
  await waitForFocus(page, '#procedure');
  // Dernière venue pour un autre organisme : l'agent remonte à la liste (Maj+Tab), tape « c » (CAF) et revient.
  if ((await page.locator('#organisation').inputValue()) !== 'caf') {
    await press('Shift+Tab');
    await press('c');
    await press('Tab');
  }
  await press('Enter');
  await page.waitForURL((url) => url.searchParams.has('enregistree'));
  return keys;
}

/** Une personne neuve (sollicitation CAF « accompagnée ») ; renvoie l'adresse de sa fiche. */
export async function newPerson(page: Page, person: { firstName: string; lastName: string; phone?: string }) {
  await page.goto('/sollicitations/nouvelle?nouvelle=1');
  await page.locator('#firstName').fill(person.firstName);
  await page.locator('#lastName').fill(person.lastName);
  if (person.phone) await page.locator('#phone').fill(person.phone);
  await page.locator('label[for="consent"]').click();
  await page.locator('#organisation').selectOption('caf');
  await page.getByRole('button', { name: 'Enregistrer la sollicitation' }).click();
  const link = page.getByRole('link', { name: 'Voir la fiche de la personne' });
  await link.waitFor();
  return (await link.getAttribute('href'))!;
}
