// Portail des habitants (C10), la carte et les mandats de bout en bout : le médiateur établit un mandat signé sur
// papier, ouvre l'espace avec la carte et l'imprime (le PDF est relu : l'adresse du QR, le code secret) ; la personne
// ouvre l'adresse de la carte, se trompe de code, entre, lit son mandat et l'arrête ; le médiateur voit le mandat
// révoqué ; la personne fait le point seule (réponses qui manquent, puis toutes) et le médiateur le reprend dans un
// diagnostic. Au clavier, JavaScript actif et coupé, en français et en arabe, à 375 et 320 px.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfTextOf } from '../test/pdf';
import { newPerson } from './journeys';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn } from './browser';
import { LANGUAGES } from '../app/capabilities/portal/i18n';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Le mandat des démarches sociales, établi puis déclaré signé sur papier aujourd'hui (au clavier). */
async function paperMandate(page: Page, file: string) {
  await page.goto(`${file}/mandats/nouveau`);
  for (const id of ['areas-social', 'duration-un_an', 'consent', 'consent-donnees', 'consent-droits', 'consent-revocable', 'protection']) {
    await page.focus(`#${id}`);
    await page.keyboard.press('Space');
  }
  await page.getByRole('button', { name: 'Établir le mandat' }).click();
  await page.waitForURL(/\/mandats\/[0-9a-f-]{36}/);
  await page.locator('#signedOn').fill(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }));
  await page.getByRole('button', { name: 'Le mandat papier est signé' }).click();
  await expect.poll(() => page.getByText('Signature sur papier enregistrée').count()).toBe(1);
  return new URL(page.url()).pathname;
}

const JOURNEYS = [
  { javaScript: true, width: 375, language: 'fr' as const, label: 'JavaScript actif, 375 px' },
  { javaScript: false, width: 320, language: 'ar' as const, label: 'en arabe, JavaScript coupé, 320 px' },
];

describe.each(JOURNEYS)('portail : la carte et les mandats ($label)', ({ javaScript, width, language }) => {
  it('le médiateur imprime la carte ; la personne entre avec son code secret et arrête son mandat', async () => {
    const firstName = javaScript ? 'Carine' : 'Karim';
    const agent = await newPage(browser, { javaScript, width });
    await signIn(agent.page, 'mediation@alpha.test');
    const file = await newPerson(agent.page, { firstName, lastName: 'Carte' });
    const mandateUrl = await paperMandate(agent.page, file);
    await agent.page.goto(`${file}/espace`);
    await agent.page.locator('label[for="channel-carte"]').click();
    await agent.page.locator('label[for="consent"]').click();
    await agent.page.getByRole('button', { name: "Ouvrir l'espace" }).click();
    await agent.page.getByText('Aucune carte valable.', { exact: false }).waitFor();
    if (javaScript) await expectAccessible(agent.page);
    // La réponse du formulaire est le PDF, enregistré comme un fichier : relu tel quel.
    const [download] = await Promise.all([
      agent.page.waitForEvent('download'),
      agent.page.getByRole('button', { name: 'Imprimer une carte' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('carte-mon-espace.pdf');
    const text = await pdfTextOf(fs.readFileSync(await download.path()));
    const cardPath = /\/mon-espace\/carte\/[A-Za-z0-9_-]+/.exec(text)![0];
    const [card, letter] = text.split(`${firstName}, voici votre code secret`);
    const pin = letter!.replace(/\s/g, '').slice(0, 6);
    expect(pin).toMatch(/^\d{6}$/);
    expect(card).not.toContain(firstName);

    const resident = await newPage(browser, { javaScript, width });
    const page = resident.page;
    await page.goto(cardPath);
    const t = language === 'ar' ? AR : FR;
    if (language === 'ar') {
      await page.getByRole('link', { name: 'العربية' }).click();
      await page.waitForURL((url) => url.pathname === cardPath);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    }
    await page.getByRole('heading', { name: t.cardTitle }).waitFor();
    if (javaScript) await expectAccessible(page);
    await page.locator('#pin').focus();
    await page.keyboard.type(pin === '000000' ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#pin-erreur').textContent()).toBe(t.wrongPin);
    await page.locator('#pin').focus();
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/mon-espace\/accueil$/);
    await page.getByRole('heading', { name: t.hello(firstName) }).waitFor();

    await page.getByRole('link', { name: t.mandatesLink }).click();
    await page.waitForURL(/\/mon-espace\/mandats$/);
    expect(await page.locator('main').textContent()).toContain(t.socialArea);
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('link', { name: t.seeMandate }).first().click();
    await page.waitForURL(/\/mon-espace\/mandats\/[0-9a-f-]{36}$/);
    // Sans la case cochée, rien ne change : le message le dit à côté de la case.
    await page.getByRole('button', { name: t.stop }).click();
    await expect.poll(() => page.locator('#confirmer-erreur').textContent()).toBe(t.notConfirmed);
    await page.locator('#confirmer').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: t.stop }).click();
    await page.getByText(t.stopped).waitFor();
    expect(await page.getByRole('button', { name: t.stop }).count()).toBe(0);
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // Le PDF du mandat se télécharge depuis l'espace.
    const pdf = await page.request.get(`${new URL(page.url()).pathname}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // « Mes données » : le téléchargement, une demande mal faite (message gardé), puis l'effacement demandé.
    await page.goto('/mon-espace/mes-donnees');
    await page.getByRole('heading', { name: t.myData, level: 1 }).waitFor();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t.pdfLink }).click()]);
    expect(await pdfTextOf(fs.readFileSync(await exported.path()))).toContain(firstName);
    await page.locator('#type-correction').check();
    await page.getByRole('button', { name: t.send }).click();
    await expect.poll(() => page.locator('#message-erreur').textContent()).toBe(t.emptyMessage);
    await page.locator('#type-effacement').check();
    await page.getByRole('button', { name: t.send }).click();
    await page.getByText(t.requestSent).waitFor();
    expect(await page.locator('main').textContent()).toContain(t.erasureAsked);
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // « Faire le point seul » : des réponses qui manquent (dites à côté de chaque question, les autres gardées), puis
    // toutes ; la page dit ce que la personne sait déjà faire seule.
    const point = LANGUAGES[language].point;
    await page.goto('/mon-espace/accueil');
    await page.getByRole('link', { name: point.titre }).click();
    await page.waitForURL(/\/mon-espace\/faire-le-point$/);
    if (javaScript) await expectAccessible(page);
    await page.locator('#equipement-aucun').focus();
    await page.keyboard.press('Space');
    await page.locator('#equipement-smartphone').check();
    await page.locator('#messagerie-avec_aide').check();
    await page.getByRole('button', { name: point.enregistrer }).click();
    await expect.poll(() => page.locator('#equipement-erreur').textContent()).toBe(point.erreurs.aucun_seul);
    expect(await page.locator('#lecture-erreur').textContent()).toBe(point.erreurs.manque);
    expect(await page.getByRole('alert').textContent()).toContain(point.erreurs.resume.replace('{{count}}', '22'));
    expect(await page.locator('#messagerie-avec_aide').isChecked()).toBe(true);
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.locator('#equipement-aucun').uncheck();
    for (const [field, value] of Object.entries(SELF_ASSESSMENT)) await page.locator(`#${field}-${value}`).check();
    await page.getByRole('button', { name: point.enregistrer }).click();
    await page.getByText(point.merci).waitFor();
    expect(await page.locator('main').textContent()).toContain(point.gestes.visio);
    if (javaScript) await expectAccessible(page);

    // L'adresse d'un mandat qui n'est pas le sien (ici, un identifiant inconnu) : la page d'erreur du portail.
    await page.goto('/mon-espace/mandats/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: t.notFound }).waitFor();
    await resident.close();

    // Le médiateur voit le mandat arrêté par la personne.
    await agent.page.goto(mandateUrl);
    expect(await agent.page.locator('main').textContent()).toContain('Arrêté par la personne depuis son espace personnel.');

    // Il voit aussi le point fait seul, le reprend dans un diagnostic (réponses déjà cochées) : le point est vu.
    await agent.page.goto(`${file}/parcours`);
    await agent.page.getByRole('link', { name: 'Voir ses réponses' }).click();
    await agent.page.waitForURL(/\/point-seul$/);
    // Avec JavaScript, l'adresse change avant la page : attendre ce qu'elle montre.
    await agent.page.getByText('À voir avec la personne').first().waitFor();
    const answers = await agent.page.locator('main').textContent();
    expect(answers).toContain(`Répondu en ${language === 'ar' ? 'arabe' : 'français'}`);
    expect(answers).toContain('À voir avec la personne');
    if (javaScript) await expectAccessible(agent.page);
    await expectNoHorizontalScroll(agent.page);
    await agent.page.getByRole('link', { name: /Reprendre dans un diagnostic/ }).click();
    await agent.page.waitForURL(/\/diagnostic\?point=/);
    expect(await agent.page.locator('input[name="ecriture"][value="difficile"]').isChecked()).toBe(true);
    expect(await agent.page.locator('input[name="equipement"][value="smartphone"]').isChecked()).toBe(true);
    await agent.page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await agent.page.waitForURL(/\/diagnostics\/[0-9a-f-]{36}/);
    await agent.page.goto(`${file}/point-seul`);
    expect(await agent.page.locator('main').textContent()).toContain('Vu le');
    await agent.close();
  });
});

/** Les réponses d'un point fait seul, une par question (celles qui manquaient au premier envoi). */
const SELF_ASSESSMENT = {
  connexion: 'donnees_mobiles',
  compte_franceconnect: 'aucun',
  compte_ameli: 'seul',
  compte_caf: 'avec_aide',
  compte_impots: 'acces_perdu',
  compte_france_travail: 'non_concerne',
  compte_ants: 'aucun',
  geste_appareil: 'seul',
  geste_saisie: 'seul',
  geste_navigation: 'avec_aide',
  geste_formulaire: 'pas_encore',
  geste_mots_de_passe: 'avec_aide',
  geste_documents: 'pas_encore',
  geste_pdf: 'pas_encore',
  geste_arnaques: 'seul',
  geste_visio: 'seul',
  geste_application: 'avec_aide',
  lecture: 'facile',
  ecriture: 'difficile',
  francais: 'oui',
  apprehension: 'un_peu',
};

const FR = {
  cardTitle: 'Entrer avec ma carte',
  wrongPin: 'Ce code secret ne marche pas. Vous pouvez encore essayer 4 fois.',
  hello: (name: string) => `Bonjour ${name}`,
  mandatesLink: 'Mes mandats',
  socialArea: 'Le social et la santé : allocations, assurance maladie, handicap, retraite.',
  seeMandate: /Voir le mandat du/,
  stop: 'Arrêter le mandat',
  notConfirmed: 'Cochez la case pour dire que vous voulez arrêter le mandat.',
  stopped: 'C’est fait : le mandat est arrêté. Nous avons prévenu votre médiateur.',
  notFound: 'Nous ne trouvons pas cette page',
  myData: 'Mes données',
  pdfLink: 'Mes données à lire (PDF)',
  send: 'Envoyer ma demande',
  emptyMessage: 'Dites ce qui est faux. Par exemple : mon numéro de téléphone a changé.',
  requestSent: 'Votre demande est envoyée. Nous répondons dans 1 mois au plus.',
  erasureAsked: 'Effacement demandé le',
};

const AR: typeof FR = {
  cardTitle: 'الدخول ببطاقتي',
  wrongPin: 'هذا الرمز السري لا يعمل. يمكنك المحاولة 4 مرات أخرى.',
  hello: (name: string) => `مرحبًا ${name}`,
  mandatesLink: 'توكيلاتي',
  socialArea: 'الشؤون الاجتماعية والصحة: المنح، التأمين الصحي، الإعاقة، التقاعد.',
  seeMandate: /عرض التوكيل بتاريخ/,
  stop: 'إيقاف التوكيل',
  notConfirmed: 'ضع علامة في المربع لتقول إنك تريد إيقاف التوكيل.',
  stopped: 'تم: أُوقف التوكيل. أخبرنا الوسيط الخاص بك.',
  notFound: 'لا نجد هذه الصفحة',
  myData: 'بياناتي',
  pdfLink: 'بياناتي للقراءة (PDF)',
  send: 'إرسال طلبي',
  emptyMessage: 'قل ما هو الخطأ. مثلًا: تغيّر رقم هاتفي.',
  requestSent: 'تم إرسال طلبك. نجيب خلال شهر واحد على الأكثر.',
  erasureAsked: 'طلب حذف بتاريخ',
};
