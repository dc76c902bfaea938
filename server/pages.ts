// Pages d'erreur servies avant React Router (taille, débit, panne) : en français, sans détail technique.
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function errorPage(status: number, title: string, text: string) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Relais</title><link rel="stylesheet" href="/dsfr/dsfr.min.css"></head>
<body><main class="fr-container fr-my-7w" id="contenu"><p class="fr-text--sm">Erreur ${status}</p><h1>${escape(title)}</h1>
<p class="fr-text--lead">${escape(text)}</p><p><a class="fr-btn" href="/">Revenir à l'accueil</a></p></main></body></html>`;
}
