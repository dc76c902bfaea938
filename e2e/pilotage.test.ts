// Pilotage (C9) : filtrer le tableau de bord sans JavaScript, lire le tableau d'un graphique, le signal de
// charge, le tableau personnel d'un médiateur ; axe et 320 px.
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, launch, newPage, signIn, PHONE_JOURNEYS } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe.each(PHONE_JOURNEYS)('pilotage ($label)', ({ javaScript, width }) => {
  it('filtre le tableau de bord, lit le tableau d’un graphique, signale un filtre inconnu', async () => {
    const { page, close } = await newPage(browser, { javaScript, width });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/pilotage?mode=magie');
    expect(await page.getByText("Le filtre « Mode d'aide » a une valeur inconnue (« magie ») : il est ignoré.").count()).toBe(1);
    const total = async () => Number((await page.locator('.relais-figures strong').first().textContent())!.replace(/\s/g, ''));
    const all = await total();
    expect(all).toBeGreaterThan(1000);
    await page.locator('summary', { hasText: 'Filtres' }).click();
    await page.locator('#organisme').selectOption('caf');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('organisme')).toBe('caf');
    await expect.poll(total).toBeLessThan(all);
    const caf = await total();
    // Le tableau du graphique « Organismes » : la CAF y est seule en tête, avec le total filtré.
    await page.locator('summary', { hasText: 'Voir les données de « Organismes les plus demandés »' }).click();
    const firstRow = page.locator('#organismes-titre').locator('xpath=..').locator('tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toBe('CAF');
    expect(Number((await firstRow.locator('td').textContent())!.replace(/\s/g, ''))).toBe(caf);
    // Le lieu d'accueil : la permanence ne reçoit qu'une partie des personnes ; un lieu inconnu est signalé.
    await page.goto('/pilotage');
    await page.locator('summary', { hasText: 'Filtres' }).click();
    await page.locator('#lieu').selectOption({ label: 'Mairie annexe des Fontaines' });
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('lieu')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(total).toBeLessThan(all);
    expect(await total()).toBeGreaterThan(0);
    expect(await page.locator('#lieu option:checked').textContent()).toBe('Mairie annexe des Fontaines');
    await page.goto('/pilotage?lieu=ailleurs');
    expect(await page.getByText("Le filtre « Lieu d'accueil » a une valeur inconnue (« ailleurs ») : il est ignoré.").count()).toBe(1);
    // Période inversée : remise à l'endroit, avec un message.
    await page.goto('/pilotage?du=2026-06-30&au=2026-01-01');
    expect(await page.getByText('La date de début était après la date de fin').count()).toBe(1);
    // Une période sans données le dit.
    await page.goto('/pilotage?du=2001-01-01&au=2001-12-31');
    expect(await page.getByText('Aucune sollicitation sur cette période avec ces filtres.').count()).toBe(1);
    await close();
  });
});

describe('pilotage : exports', () => {
  it('exporte la sélection en CSV pour Excel, au format de la Coop, et en XLSX', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    const query = 'du=2026-01-01&au=2026-03-31&organisme=caf';
    await page.goto(`/pilotage?${query}`);
    const total = Number((await page.locator('.relais-figures strong').first().textContent())!.replace(/\s/g, ''));
    const csv = await page.request.get(`/pilotage/export/sollicitations.csv?${query}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toBe('attachment; filename="relais-sollicitations-2026-01-01-2026-03-31.csv"');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      "Date;Lieu d'accueil;Organismes;Thématique;Démarche;Canal;Niveau de besoin;Mode d'aide;Matériel;Autonomie observée;Durée (minutes);Résultat;Cause du blocage;Orientée vers;Tranche d'âge;Commune",
    );
    expect(lines).toHaveLength(total + 1);
    expect(lines.slice(1).every((line) => line.includes('CAF'))).toBe(true);

    // Le modèle d'activité de la Coop de juin 2025 : valeurs de son API (CSV) et en-têtes de son export (XLSX).
    const coop = (await (await page.request.get(`/pilotage/export/coop.csv?${query}`)).text()).slice(1).trimEnd().split('\r\n');
    expect(coop[0]).toBe(
      'date;type;type_lieu;lieu_nom;lieu_adresse;lieu_code_postal;lieu_commune;lieu_code_insee;duree;materiel;thematiques;precisions_demarche;autonomie;oriente_vers_structure;structure_de_redirection;beneficiaire_commune;beneficiaire_code_postal;beneficiaire_code_insee;genre;tranche_age;statut_social;titre_atelier;niveau_atelier;participants',
    );
    // Filtrée par organisme, la sélection n'a que des activités individuelles (une séance d'atelier n'a pas d'organisme).
    expect(coop).toHaveLength(total + 1);
    expect(coop[1]).toMatch(/^2026-01-\d\d;individuel;(lieu_activite|a_distance|domicile);/);
    const cells = coop.slice(1).map((line) => line.split(';'));
    // Chaque activité sur place a son lieu et sa commune (Alpha est fictive : pas de code INSEE), chacune est une aide
    // aux démarches, et l'autonomie est de la Coop.
    expect(cells.filter((c) => c[2] === 'lieu_activite' && !(c[3] && c[6] === 'Alpha'))).toEqual([]);
    expect(cells.filter((c) => !c[10]!.split(',').includes('aide_aux_demarches_administratives'))).toEqual([]);
    expect(new Set(cells.map((c) => c[12]))).toEqual(new Set(['', 'entierement_accompagne', 'partiellement_autonome', 'autonome']));
    // Sur l'année écoulée sans autre filtre, chaque séance d'atelier tenue est une activité collective, avec ses participants.
    const year = { au: new Date().toISOString().slice(0, 10), du: new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10) };
    const all = (await (await page.request.get(`/pilotage/export/coop.csv?du=${year.du}&au=${year.au}`)).text()).split('\r\n');
    const collective = all.filter((line) => line.split(';')[1] === 'collectif').map((line) => line.split(';'));
    expect(collective.length).toBeGreaterThan(0);
    expect(collective.every((c) => c[2] === 'lieu_activite' && Number(c.at(-1)) > 0 && c.at(-3) !== '')).toBe(true);
    const coopXlsx = new ExcelJS.Workbook();
    await coopXlsx.xlsx.load(Uint8Array.from(await (await page.request.get(`/pilotage/export/coop.xlsx?${query}`)).body()).buffer);
    const activities = coopXlsx.getWorksheet('Activités')!;
    expect(activities.getRow(1).values).toContain('Thématique(s) d’accompagnement');
    expect(activities.rowCount).toBe(total + 1);
    expect(activities.getRow(2).getCell(2).value).toBe('Accompagnement individuel');
    expect(activities.getRow(2).getCell(1).value).toBeInstanceOf(Date);

    const xlsx = await page.request.get(`/pilotage/export/pilotage.xlsx?${query}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await xlsx.body()).buffer);
    // Une feuille par indicateur (l'attente vaut pour toute la structure ; orientations et progression des diagnostics
    // ne se filtrent pas par organisme : elles manquent ici), puis le détail.
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Filtres',
      'Période',
      'Par année',
      'Modes par année',
      'Par mois',
      'Modes par mois',
      'Organismes',
      'Thématiques',
      'Niveaux',
      'Résultats',
      'Causes de blocage',
      'Charge par semaine',
      "Attente à l'accueil",
      'Mandats',
      'Détail anonyme',
    ]);
    expect(workbook.getWorksheet('Détail anonyme')!.rowCount).toBe(total + 1);
    // La première feuille dit la portée ; le détail a des dates de tableur et des durées en heures et minutes.
    const scope = workbook.getWorksheet('Filtres')!;
    expect(scope.getRow(2).values).toEqual([undefined, 'Période', 'du 01/01/2026 au 31/03/2026']);
    expect(scope.getRow(3).values).toEqual([undefined, 'Organisme', 'CAF']);
    const first = workbook.getWorksheet('Détail anonyme')!.getRow(2);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect(first.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(11).numFmt).toBe('[h]:mm');
    // Relue par exceljs, une durée au format [h]:mm revient en date à partir du 30/12/1899 (l'origine d'Excel).
    const duration = first.getCell(11).value as Date;
    expect((duration.getTime() - Date.UTC(1899, 11, 30)) / 60_000).toBeGreaterThan(0);
    expect(workbook.getWorksheet('Période')!.getRow(4).values).toEqual([undefined, 'Sollicitations', total]);
    const indicators = (await (await page.request.get(`/pilotage/export/indicateurs.csv?${query}`)).text()).slice(1).split('\r\n');
    expect(indicators[0]).toBe('Indicateur;Catégorie;Valeur');
    expect(indicators).toContain(`Période;Sollicitations;${total}`);
    expect((await page.request.get(`/pilotage/export/inconnu.csv?${query}`)).status()).toBe(404);
    await close();
  });
});

describe('pilotage : export avec JavaScript', () => {
  it('annonce la progression puis enregistre le fichier', async () => {
    const { page, problems, close } = await newPage(browser, { javaScript: true });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/pilotage?du=2026-01-01&au=2026-03-31');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Détail anonyme des sollicitations (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('relais-sollicitations-2026-01-01-2026-03-31.csv');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Fichier prêt' }).count()).toBe(1);
    expect(problems, `erreurs de la console du navigateur :\n${problems.join('\n')}`).toEqual([]);
    await close();
  });
});

describe("rapport d'activité annuel (JavaScript coupé)", () => {
  it('refuse un secret, enregistre le texte, puis télécharge le PDF', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/pilotage');
    await page.getByRole('link', { name: /Rapport d'activité annuel/ }).click();
    const year = new Date().getFullYear() - 1;
    expect(await page.locator('#annee').inputValue()).toBe(String(year));
    // Le texte de démonstration de l'an dernier est déjà là.
    expect(await page.locator('#texte').inputValue()).toContain('quatrième poste de médiateur');
    await page.locator('#texte').fill('Identifiant : alpha2025 mot de passe : Soleil2025!');
    await page.getByRole('button', { name: 'Enregistrer le texte' }).click();
    expect(await page.locator('#texte-erreur').textContent()).toMatch(/^Ne notez jamais un mot de passe/);
    await page.locator('#texte').fill('Un quatrième médiateur est indispensable.');
    await page.getByRole('button', { name: 'Enregistrer le texte' }).click();
    await expect.poll(() => page.getByText(`Texte du rapport ${year} enregistré.`).count()).toBe(1);
    const pdf = await page.request.get(`/pilotage/rapport-annuel/${year}.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await page.request.get('/pilotage/rapport-annuel/1999.pdf')).status()).toBe(404);
    await close();
  });
});

describe('données ouvertes', () => {
  it("le responsable publie, l'adresse publique répond sans connexion, puis il retire la publication", async () => {
    const anonymous = await newPage(browser, { javaScript: false });
    expect((await anonymous.page.request.get('/donnees-ouvertes/alpha.csv')).status()).toBe(404);
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/pilotage');
    await page.getByRole('button', { name: 'Publier les données ouvertes' }).click();
    // Attendre la page rendue après l'envoi : sans quoi la lecture publique peut précéder la publication.
    await page.getByText('Les données ouvertes sont publiées.').waitFor();
    expect(await page.getByText('Les données ouvertes sont publiées.').count()).toBe(1);
    const file = await anonymous.page.request.get('/donnees-ouvertes/alpha.csv');
    expect(file.status()).toBe(200);
    const lines = (await file.text()).slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('mois;dimension;valeur;sollicitations;secret_statistique');
    expect(lines.some((l) => /^\d{4}-\d{2};mode;fait_a_la_place;\d+;non$/.test(l))).toBe(true);
    expect(lines.every((l) => !/;[1-4];non$/.test(l))).toBe(true);
    expect((await anonymous.page.request.get('/donnees-ouvertes/beta.csv')).status()).toBe(404);
    expect((await anonymous.page.request.get('/donnees-ouvertes/inconnue.csv')).status()).toBe(404);
    await page.getByRole('button', { name: 'Retirer la publication' }).click();
    await page.getByText('Les données ouvertes ne sont plus publiées.').waitFor();
    expect((await anonymous.page.request.get('/donnees-ouvertes/alpha.csv')).status()).toBe(404);
    await anonymous.close();
    await close();
  });
});

describe('pilotage : charge, tableau personnel, accessibilité', () => {
  it('règle le seuil de charge (sans JavaScript) et allume ou éteint le signal', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'direction@alpha.test');
    await page.goto('/pilotage');
    await page.locator('#heures').fill('0');
    // Sans JavaScript, le clic lance la navigation sans l'attendre : chaque constat attend la page qui répond.
    await page.getByRole('button', { name: 'Enregistrer le seuil' }).click();
    await expect.poll(() => page.locator('#heures-erreur').textContent()).toBe('Le seuil doit être d’au moins 1 heure par semaine.');
    await page.locator('#heures').fill('80');
    await page.getByRole('button', { name: 'Enregistrer le seuil' }).click();
    await expect.poll(() => page.getByText('Seuil enregistré.').count()).toBe(1);
    await expect.poll(() => page.locator('#heures').inputValue()).toBe('80');
    expect(await page.getByText('Surcharge durable').count()).toBe(0);
    await page.locator('#heures').fill('1');
    await page.getByRole('button', { name: 'Enregistrer le seuil' }).click();
    await expect.poll(() => page.getByText('Surcharge durable').count()).toBeGreaterThan(0);
    await page.locator('#heures').fill('30');
    await page.getByRole('button', { name: 'Enregistrer le seuil' }).click();
    await expect.poll(() => page.locator('#heures').inputValue()).toBe('30');
    await close();
  });

  it('montre au médiateur sa seule activité, refuse le pilotage à l’accueil', async () => {
    const { page, close } = await newPage(browser, { javaScript: false });
    await signIn(page, 'mediation@alpha.test');
    await page.goto('/pilotage');
    expect(await page.locator('h1').textContent()).toBe('Mon activité');
    expect(await page.locator('#mediateur').count()).toBe(0);
    // Ses filtres restent fermés tant qu'il n'en choisit pas (le médiateur imposé ne compte pas) ; il filtre aussi par lieu.
    expect(await page.locator('details').first().getAttribute('open')).toBeNull();
    expect(await page.locator('#lieu option', { hasText: 'Mairie annexe des Fontaines' }).count()).toBe(1);
    expect(await page.getByText('Charge des médiateurs par semaine').count()).toBe(0);
    await close();
    const desk = await newPage(browser, { javaScript: false });
    await signIn(desk.page, 'accueil@alpha.test');
    expect((await desk.page.goto('/pilotage'))?.status()).toBe(403);
    await desk.close();
  });

  it('0 violation axe et pas de défilement horizontal à 320 px', async () => {
    for (const width of [1280, 320]) {
      const { page, close } = await newPage(browser, { javaScript: true, width });
      await signIn(page, 'direction@alpha.test');
      await page.goto('/pilotage');
      for (const summary of await page.locator('details summary').all()) await summary.click();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await page.goto('/pilotage/rapport-annuel');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await close();
    }
  });

  it('dessine les graphiques à la largeur affichée : textes de 12 px au moins, libellés du temps sans chevauchement', async () => {
    for (const width of [1280, 320]) {
      const { page, close } = await newPage(browser, { javaScript: true, width });
      await signIn(page, 'direction@alpha.test');
      await page.goto('/pilotage');
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('figure.relais-chart')].map((figure) => {
          const visible = (e: Element) => getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).display !== 'none';
          const texts = [...figure.querySelectorAll('text, .relais-axis span, .relais-bars__label')].filter(visible);
          const scale = (e: Element) => {
            // Un texte SVG dans un viewBox rétréci s'affiche plus petit que sa taille déclarée.
            const svg = e.closest('svg');
            const box = svg?.viewBox?.baseVal;
            return box && box.width ? svg!.getBoundingClientRect().width / box.width : 1;
          };
          const axis = [...figure.querySelectorAll('.relais-axis > li')].filter(visible).map((li) => {
            const range = document.createRange();
            range.selectNodeContents(li.firstElementChild!);
            const rects = [...range.getClientRects()];
            return { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
          });
          return {
            title: figure.querySelector('h3')!.textContent,
            smallest: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize) * scale(e))),
            overlaps: axis.slice(1).filter((box, i) => box.left < axis[i]!.right).length,
            // Aucun texte (valeur au bout d'une barre, libellé) ne déborde du graphique à droite.
            beyond: Math.max(0, ...texts.map((e) => e.getBoundingClientRect().right)) - figure.getBoundingClientRect().right,
            width: figure.getBoundingClientRect().width,
            main: document.querySelector('main .fr-container')!.getBoundingClientRect().width,
          };
        }),
      );
      expect(charts.length).toBeGreaterThanOrEqual(6);
      for (const chart of charts) {
        expect(chart.smallest, chart.title!).toBeGreaterThanOrEqual(12);
        expect(chart.overlaps, chart.title!).toBe(0);
        expect(chart.beyond, chart.title!).toBeLessThanOrEqual(1);
        // Toute la largeur de la page (marges du conteneur déduites).
        expect(chart.width, chart.title!).toBeGreaterThan(chart.main - 100);
      }
      await close();
    }
  });
});
