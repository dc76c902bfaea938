// Portail des habitants (C10) de bout en bout : le médiateur ouvre l'espace d'une personne avec son accord ; la
// personne demande un code, le reçoit par SMS (l'outbox écrit dans DATA_DIR/outbox), entre sur un ordinateur partagé,
// lit « Ce que nous avons fait ensemble », puis se déconnecte. Au clavier, à 375 et 320 px, en français et en arabe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from './journeys';
import { lastCodeFor } from './outbox';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, PHONE_JOURNEYS, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Tape dans un champ puis envoie son formulaire par Entrée, comme au clavier. */
async function typeAndSubmit(page: Page, selector: string, text: string) {
  await page.locator(selector).focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const JOURNEYS = [
  ...PHONE_JOURNEYS.map((journey) => ({ ...journey, language: 'fr' as const })),
  { javaScript: false, width: 320, label: 'en arabe, JavaScript coupé, 320 px', language: 'ar' as const },
];

describe.each(JOURNEYS)('portail des habitants ($label)', ({ javaScript, width, language }) => {
  it('le médiateur ouvre l’espace ; la personne entre par un code reçu par SMS, lit son histoire et se déconnecte', async () => {
    const digits = `07${String(Date.now()).slice(-8)}`;
    const phone = digits.replace(/(\d\d)(?=\d)/g, '$1 ');
    const firstName = { fr: javaScript ? 'Yasmine' : 'Rose', ar: 'Samir' }[language];

    // Le médiateur : la fiche, puis « Espace personnel ».
    const agent = await newPage(browser, { javaScript, width });
    await signIn(agent.page, 'mediation@alpha.test');
    const file = await newPerson(agent.page, { firstName, lastName: 'Portail', phone });
    await agent.page.goto(file);
    await agent.page.getByRole('link', { name: 'Espace personnel' }).click();
    await agent.page.getByRole('button', { name: "Ouvrir l'espace" }).click();
    await expect.poll(() => agent.page.locator('#consent-erreur').textContent()).toMatch(/accord/);
    expect(await agent.page.locator('#channel-erreur').textContent()).toMatch(/Choisissez/);
    await agent.page.locator('label[for="channel"]').click(); // SMS, le premier moyen
    await agent.page.locator('label[for="consent"]').click();
    if (javaScript) await expectAccessible(agent.page);
    await agent.page.getByRole('button', { name: "Ouvrir l'espace" }).click();
    await agent.page.getByText('Espace ouvert. La personne peut se connecter.').waitFor();
    await agent.close();

    // La personne, sur un autre navigateur : pas de session d'agent ici.
    const resident = await newPage(browser, { javaScript, width, geolocation: { latitude: 47.3941, longitude: 0.6848 } });
    const page = resident.page;
    await page.goto('/mon-espace');
    if (language === 'ar') {
      await page.getByRole('link', { name: 'العربية' }).click();
      await page.waitForURL(/\/mon-espace$/);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    }
    const t = language === 'ar' ? AR : FR;
    await page.getByRole('heading', { name: t.signInTitle }).waitFor();
    expect(await page.locator('script').count()).toBe(0);
    await typeAndSubmit(page, '#contact', 'bonjour');
    await expect.poll(() => page.locator('#contact-erreur').textContent()).toBe(t.badContact);
    expect(await page.locator('#contact').inputValue()).toBe('bonjour');
    await page.locator('#contact').fill('');
    await page.locator('label[for="partage"]').click();
    await typeAndSubmit(page, '#contact', phone);
    await page.waitForURL(/\/mon-espace\/code$/);
    if (javaScript) await expectAccessible(page);
    const code = await lastCodeFor(digits);
    await typeAndSubmit(page, '#code', code === '000000' ? '111111' : '000000');
    await expect.poll(() => page.locator('#code-erreur').textContent()).toBe(t.badCode);
    await page.locator('#code').fill('');
    await typeAndSubmit(page, '#code', code);
    await page.waitForURL(/\/mon-espace\/accueil$/);
    await page.getByRole('heading', { name: t.hello(firstName) }).waitFor();
    expect(await page.locator('.portail-bandeau').textContent()).toBe(t.sharedBanner);
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await page.getByRole('link', { name: t.historyLink }).click();
    await page.waitForURL(/\/mon-espace\/historique$/);
    expect(await page.locator('main').textContent()).toContain(t.caf);
    expect(await page.locator('main').textContent()).toContain(t.together);
    // Sur un poste partagé, l'avertissement d'une fin de session proche est prêt (caché jusqu'à 4 minutes).
    expect(await page.locator('#fin-session').isHidden()).toBe(true);
    if (javaScript) await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // « Trouver de l'aide » : un formulaire GET, au clavier ; puis les autres pages de l'espace, accessibles à 320 px.
    await page.goto('/mon-espace/aide');
    await page.locator('#besoin').selectOption('caf');
    await page.locator('#ouvert').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: t.search, exact: true }).click();
    await page.waitForURL(/\/mon-espace\/aide\?besoin=caf&/);
    expect(await page.locator('#besoin').inputValue()).toBe('caf');
    await page.getByRole('heading', { name: t.found }).waitFor();
    // « Chercher près de moi » : avec JavaScript, la position du navigateur range les lieux ; sans, le bouton est caché.
    if (javaScript) {
      await page.getByRole('button', { name: t.nearMe }).click();
      await page.waitForURL(/[?&]lat=47\.394&lon=0\.685/);
      expect(await page.locator('main').textContent()).toMatch(t.fromYou);
    } else expect(await page.locator('#pres-de-moi').isHidden()).toBe(true);
    for (const path of [
      '/mon-espace/aide',
      '/mon-espace/parcours',
      '/mon-espace/orientations',
      '/mon-espace/rendez-vous',
      '/mon-espace/mes-donnees',
    ]) {
      if (path !== '/mon-espace/aide') await page.goto(path);
      if (javaScript) await expectAccessible(page);
      await expectNoHorizontalScroll(page);
    }

    await page.getByRole('button', { name: t.signOut }).click();
    await page.waitForURL(/\/mon-espace\?fin=deconnexion$/);
    await page.getByText(t.signedOut).waitFor();
    await page.goto('/mon-espace/historique');
    await page.waitForURL(/\/mon-espace(\?.*)?$/);
    await resident.close();
  });
});

const FR = {
  signInTitle: 'Mon espace personnel',
  badContact: 'Écrivez un numéro de portable (06 ou 07) ou une adresse e-mail.',
  badCode: 'Ce code ne marche pas. Il est faux ou trop vieux. Vérifiez les 6 chiffres, ou demandez un nouveau code.',
  hello: (name: string) => `Bonjour ${name}`,
  sharedBanner: 'Ordinateur partagé : vous serez déconnecté après 5 minutes sans rien faire.',
  historyLink: 'Ce que nous avons fait ensemble',
  caf: 'La CAF (les allocations familiales)',
  together: "Nous l'avons fait ensemble.",
  signOut: 'Se déconnecter',
  signedOut: 'Vous êtes déconnecté. À bientôt !',
  search: 'Chercher',
  found: /^Lieux trouvés : \d+$/,
  nearMe: 'Chercher près de moi',
  fromYou: /À .{1,20} de vous\./,
};

const AR: typeof FR = {
  signInTitle: 'مساحتي الشخصية',
  badContact: 'اكتب رقم هاتف محمول (06 أو 07) أو عنوان بريد إلكتروني.',
  badCode: 'هذا الرمز لا يعمل. إنه خاطئ أو قديم. تحقق من الأرقام الستة، أو اطلب رمزًا جديدًا.',
  hello: (name: string) => `مرحبًا ${name}`,
  sharedBanner: 'حاسوب مشترك: سيتم تسجيل خروجك بعد 5 دقائق دون نشاط.',
  historyLink: 'ما قمنا به معًا',
  caf: 'CAF (المساعدات العائلية)',
  together: 'قمنا بذلك معًا.',
  signOut: 'تسجيل الخروج',
  signedOut: 'تم تسجيل خروجك. إلى اللقاء!',
  search: 'بحث',
  found: /^الأماكن التي وجدناها: \d+$/,
  nearMe: 'البحث بالقرب مني',
  fromYou: /على بعد .{1,20} منك\./,
};
