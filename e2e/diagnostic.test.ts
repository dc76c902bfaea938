// Diagnostic et parcours d'autonomie (C2) de bout en bout : le médiateur diagnostique une personne (grille sans
// réponse refusée question par question, saisie gardée), lit le résultat et les réponses à vérifier, retient un autre
// niveau avec sa raison, valide le plan, imprime la synthèse, refait le diagnostic et voit la progression. Axe,
// clavier, 320 px ; un autre CCAS n'ouvre pas le diagnostic.
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
const ACCOUNTS = ['franceconnect', 'ameli', 'caf', 'impots', 'france_travail', 'ants'];
const SKILLS = ['appareil', 'saisie', 'navigation', 'formulaire', 'mots_de_passe', 'documents', 'pdf', 'arnaques', 'visio', 'application'];

/** Coche une réponse : le premier bouton d'un groupe porte le nom du champ, les autres `nom-valeur`. */
const answer = (page: Page, name: string, value: string, first: string) => check(page, value === first ? name : `${name}-${value}`);

describe.each(PHONE_JOURNEYS)('diagnostic ($label)', ({ javaScript, width }) => {
  it('diagnostique, valide le plan, imprime la synthèse ; refait le diagnostic et voit la progression', async () => {
    const firstName = javaScript ? 'Odette' : 'Rosalie';
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName, lastName: 'Diagnostiquée' });
    await page.goto(file);
    await page.getByRole('link', { name: 'Diagnostic et parcours' }).click();
    await page.getByText('Aucun diagnostic encore').waitFor();
    await page.getByRole('link', { name: 'Faire le diagnostic' }).click();
    await page.waitForURL(/\/diagnostic$/);

    // Rien répondu (sauf l'équipement) : chaque question dit ce qui manque, la case cochée reste cochée ; un mot de
    // passe dans le commentaire est refusé.
    await check(page, 'equipement');
    await page.locator('#commentaire').fill('Son mot de passe ameli : Soleil2024!');
    await page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await expect
      .poll(() => page.locator('#messagerie-erreur').textContent())
      .toBe('Dites si la personne a une adresse e-mail et si elle l’ouvre seule.');
    expect(await page.locator('#compte_caf-erreur').textContent()).toBe(
      'Dites où en est la personne avec son compte CAF (ou « Pas concerné(e) »).',
    );
    expect(await page.getByRole('alert').getByRole('heading').textContent()).toBe('23 informations sont à corriger');
    expect(await page.locator('#commentaire-erreur').textContent()).toMatch(/mot de passe/i);
    await page.locator('#commentaire').fill('');
    expect(await page.locator('#equipement').isChecked()).toBe(true);
    if (javaScript) await expectAccessible(page);

    // Un ordinateur décoché pour « aucun appareil », mais « installe seule une application » : à vérifier, pas bloquant.
    await check(page, 'equipement');
    await check(page, 'equipement-aucun');
    await check(page, 'connexion-lieux_publics');
    await answer(page, 'messagerie', 'pas_d_adresse', 'seul');
    for (const account of ACCOUNTS) await answer(page, `compte_${account}`, account === 'caf' ? 'acces_perdu' : 'non_concerne', 'seul');
    for (const skill of SKILLS)
      await answer(page, `geste_${skill}`, skill === 'application' ? 'seul' : skill === 'visio' ? 'avec_aide' : 'pas_encore', 'seul');
    await answer(page, 'lecture', 'facile', 'facile');
    await answer(page, 'ecriture', 'difficile', 'facile');
    await answer(page, 'francais', 'oui', 'oui');
    await answer(page, 'apprehension', 'forte', 'aucune');
    // Le clavier suffit : la dernière cause (« aucun contact humain possible ») se coche à la barre d'espace.
    await page.locator('#commentaire').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await page.waitForURL(/\/diagnostics\/[0-9a-f-]{36}\?enregistre=1$/);
    await page.getByRole('heading', { name: 'Réponses à vérifier avec la personne' }).waitFor();
    expect(
      await page.getByText('Pas d’appareil, mais la personne utilise seule un appareil ou installe seule une application.').count(),
    ).toBe(1);
    expect(await page.locator('.relais-facts').textContent()).toContain('Urgence numérique');
    expect(await page.locator('.relais-facts').textContent()).toContain('Entièrement accompagné');
    expect(await page.getByText('Aucun contact humain possible').count()).toBe(1);
    // Le tableau des notes par bloc se lit sans le graphique.
    await page.getByText('Voir les données de « Note par bloc, sur 100 »').click();
    await expect.poll(() => page.locator('table caption', { hasText: 'Note par bloc, sur 100' }).count()).toBe(1);
    if (javaScript) await expectAccessible(page);
    const diagnosis = new URL(page.url()).pathname;

    // Un autre niveau sans raison est refusé ; avec sa raison, il est retenu et affiché.
    await page.locator('#level').selectOption('inclusion');
    await page.getByRole('button', { name: 'Enregistrer le niveau' }).click();
    await expect
      .poll(() => page.locator('#reason-erreur').textContent())
      .toBe('Dites en quelques mots pourquoi vous retenez un autre niveau.');
    await page.locator('#reason').fill('Son fils vient avec elle chaque semaine');
    await page.getByRole('button', { name: 'Enregistrer le niveau' }).click();
    await page.getByText('Niveau de besoin enregistré.').waitFor();
    expect(await page.locator('.relais-facts').textContent()).toContain(
      'Inclusion numérique — retenu par le médiateur (calculé : urgence numérique) : Son fils vient avec elle chaque semaine',
    );

    // Le plan : on décoche une étape, on valide ; les étapes arrivent dans le parcours et l'historique.
    await check(page, 'etapes-appareil');
    await page.getByRole('button', { name: 'Valider le plan' }).click();
    await page.waitForURL(/\/parcours\?plan=valide$/);
    await page.getByText('Plan validé').waitFor();
    expect(await page.getByText('Trouver un appareil à prix solidaire').count()).toBe(0);
    expect(await page.getByText('Atelier : créer et utiliser sa boîte e-mail', { exact: true }).count()).toBe(1);
    const stepState = page.getByLabel('État de « Atelier : créer et utiliser sa boîte e-mail »');
    await stepState.selectOption('en_cours');
    await stepState.locator('xpath=ancestor::form').getByRole('button', { name: "Changer l'état" }).click();
    await expect
      .poll(() => page.locator('li', { hasText: 'Atelier : créer et utiliser sa boîte e-mail' }).locator('.fr-badge').textContent())
      .toBe('En cours');
    // L'étape se modifie : un intitulé plus précis.
    await page.getByRole('link', { name: 'Modifier « Atelier : créer et utiliser sa boîte e-mail »' }).click();
    await page.getByRole('heading', { level: 1, name: /^Modifier une étape du plan/ }).waitFor();
    await page.locator('#label').fill('');
    await page.getByRole('button', { name: "Enregistrer l'étape" }).click();
    await expect.poll(() => page.locator('#label-erreur').textContent()).toBe('Décrivez l’étape en quelques mots.');
    if (javaScript) await expectAccessible(page);
    await page.locator('#label').fill('Atelier e-mail du mardi à la médiathèque');
    await page.getByRole('button', { name: "Enregistrer l'étape" }).click();
    await page.getByText('Étape modifiée.').waitFor();
    expect(await page.getByText('Atelier e-mail du mardi à la médiathèque', { exact: true }).count()).toBe(1);
    if (javaScript) await expectAccessible(page);

    // La synthèse pour la personne : un PDF.
    const pdf = await page.request.get(`${diagnosis}/synthese.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Le diagnostic suivant reprend les réponses ; la personne a maintenant un smartphone et lit ses e-mails.
    await page.getByRole('link', { name: 'Refaire le diagnostic' }).click();
    await page.getByRole('heading', { name: /^Réponses reprises du diagnostic du / }).waitFor();
    expect(await page.locator('#apprehension-forte').isChecked()).toBe(true);
    await check(page, 'equipement-aucun');
    await check(page, 'equipement-smartphone');
    await check(page, 'connexion-lieux_publics');
    await check(page, 'connexion-donnees_mobiles');
    await answer(page, 'messagerie', 'seul', 'seul');
    for (const skill of ['appareil', 'saisie', 'navigation', 'visio']) await answer(page, `geste_${skill}`, 'seul', 'seul');
    await answer(page, 'apprehension', 'un_peu', 'aucune');
    await page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await page.waitForURL(/\/diagnostics\/[0-9a-f-]{36}\?enregistre=1$/);
    expect(await page.locator('.relais-facts').textContent()).toMatch(/points depuis le diagnostic du .* \(en progrès\)/);
    await page.getByRole('link', { name: "Parcours d'autonomie" }).click();
    await page.getByText(/note d'ensemble de \d+ à \d+ sur 100 \(en progrès\)/).waitFor();
    await page.getByText('Voir les données de « Notes sur 100 à chaque diagnostic »').click();
    expect(
      await page.locator('table caption', { hasText: 'Notes sur 100 à chaque diagnostic' }).locator('xpath=..').locator('tbody tr').count(),
    ).toBe(2);
    if (javaScript) await expectAccessible(page);

    // Dans l'historique de la fiche : les deux diagnostics et le plan.
    await page.goto(file);
    expect(await page.locator('.relais-timeline .fr-badge', { hasText: 'Diagnostic' }).count()).toBe(2);
    expect(await page.locator('.relais-timeline', { hasText: 'Atelier e-mail du mardi à la médiathèque » : en cours' }).count()).toBe(1);

    // Un autre CCAS n'ouvre ni le diagnostic, ni sa synthèse.
    const beta = await newPage(browser, { javaScript, width });
    await signIn(beta.page, 'mediation@beta.test');
    expect((await beta.page.goto(diagnosis))!.status()).toBe(404);
    expect((await beta.page.request.get(`${diagnosis}/synthese.pdf`)).status()).toBe(404);
    expect((await beta.page.goto(`${file}/diagnostic`))!.status()).toBe(404);
    expect((await beta.page.goto(`${file}/parcours`))!.status()).toBe(404);
    await beta.close();
    await close();
  });
});

describe('diagnostic à 320 px, pairs-aidants et progression de la structure', () => {
  it('la grille, le parcours et la progression tiennent à 320 px ; les pairs-aidants se trouvent par compétence', async () => {
    const { page, close } = await newPage(browser, { javaScript: true, width: 320 });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/diagnostics');
    await page.getByRole('heading', { name: 'Entre le premier et le dernier diagnostic' }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.goto('/diagnostics?du=2026-06-30&au=2026-01-01');
    await page.getByText('La date de début venait après la date de fin : la période a été remise à l’endroit.').waitFor();

    await page.goto('/pairs-aidants?competence=telepathie');
    await page.getByText('Compétence inconnue : elle est ignorée, tous les pairs-aidants sont listés.').waitFor();
    await page.goto('/pairs-aidants?competence=messagerie');
    await page.getByRole('heading', { name: /pour « Utiliser sa messagerie »$/ }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    const helper = await page.locator('main a[href^="/personnes/"]').first().getAttribute('href');
    await page.goto(`${helper}/parcours`);
    await page.getByText(/est pair-aidant\(e\) et peut partager/).waitFor();
    await expectNoHorizontalScroll(page);
    await page.goto(`${helper}/diagnostic`);
    await page.getByRole('heading', { level: 1, name: /^Diagnostic de / }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.goto(`${helper}/pair-aidant`);
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    await expectAccessible(page);
    await close();
  });

  it('une personne devient pair-aidante avec son accord, se trouve par compétence, puis retire son accord', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    const file = await newPerson(page, { firstName: 'Gaston', lastName: 'Volontaire' });
    await page.goto(`${file}/parcours`);
    await page.getByRole('link', { name: 'Proposer de devenir pair-aidant(e)' }).click();
    await check(page, 'skills-visio');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await page.locator('#consent-erreur').textContent()).toBe(
      'La personne doit accepter d’être pair-aidante et que les médiateurs la contactent : cochez son accord.',
    );
    expect(await page.locator('#skills-visio').isChecked()).toBe(true);
    await page.locator('#availability').fill('Le jeudi après-midi');
    await check(page, 'consent');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Gaston Volontaire est pair-aidant(e) et peut partager : Faire un appel vidéo.').waitFor();
    await page.goto('/pairs-aidants?competence=visio');
    expect(await page.getByRole('link', { name: 'Gaston Volontaire' }).count()).toBe(1);
    expect(await page.getByText('Le jeudi après-midi', { exact: false }).count()).toBe(1);
    await page.goto(`${file}/pair-aidant`);
    await page.getByRole('button', { name: 'La personne retire son accord : ne plus la proposer' }).click();
    await page.getByRole('link', { name: 'Proposer de devenir pair-aidant(e)' }).waitFor();
    await page.goto('/pairs-aidants?competence=visio');
    expect(await page.getByRole('link', { name: 'Gaston Volontaire' }).count()).toBe(0);
    await close();
  });

  it('le responsable voit la progression sans les noms ; l’accueil ne diagnostique pas', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    expect((await page.goto('/diagnostics'))!.status()).toBe(200);
    expect(await page.locator('main a[href^="/personnes/"]').count()).toBe(0);
    expect((await page.goto('/pairs-aidants'))!.status()).toBe(403);
    await close();
    const reception = await newPage(browser, { javaScript: false });
    await signIn(reception.page, 'accueil@alpha.test');
    expect((await reception.page.goto('/diagnostics'))!.status()).toBe(403);
    await reception.close();
  });
});
