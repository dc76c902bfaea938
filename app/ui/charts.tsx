// Graphiques dessinés sur le serveur en SVG : lisibles sans JavaScript, imprimables. Chacun a un titre, un
// résumé en phrase et son tableau de données (à déplier). Les valeurs sont écrites sur le graphique : la
// couleur n'est jamais la seule porteuse d'information ; les séries se distinguent aussi par leur marqueur.
import type { ReactNode } from 'react';

export interface Datum {
  label: string;
  value: number;
  /** Texte de la valeur si elle n'est pas un simple nombre (« 42 % », « 3 h 20 »). */
  text?: string;
}

const number = new Intl.NumberFormat('fr-FR');
const show = (d: Datum) => d.text ?? number.format(d.value);
const SERIES = [
  { color: '#000091', marker: 'rond', dash: undefined },
  { color: '#a94645', marker: 'carré', dash: '6 4' },
  { color: '#3a7d44', marker: 'triangle', dash: '2 3' },
  { color: '#716043', marker: 'losange', dash: '10 3' },
  { color: '#6e445a', marker: 'croix', dash: '4 2 1 2' },
  { color: '#006a6f', marker: 'cercle', dash: '1 2' },
  { color: '#3a3a3a', marker: 'triangle pointe en bas', dash: '8 2 2 2' },
] as const;
const styleOf = (i: number) => SERIES[i % SERIES.length]!;

interface Frame {
  id: string;
  title: string;
  summary: string;
  table: ReactNode;
  children: ReactNode;
}

function ChartFrame({ id, title, summary, table, children }: Frame) {
  return (
    <figure className="relais-chart" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`} className="fr-h6 fr-mb-1w">
        {title}
      </h3>
      <p id={`${id}-resume`} className="fr-text--sm fr-mb-1w">
        {summary}
      </p>
      {children}
      <details className="fr-mt-1w">
        <summary>Voir les données de « {title} »</summary>
        <div className="fr-table relais-table-wrap">{table}</div>
      </details>
    </figure>
  );
}

function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: Array<Array<string | number>> }) {
  return (
    <table tabIndex={0}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{typeof cell === 'number' ? number.format(cell) : cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Largeurs de texte utiles d'un graphique sur un téléphone de 320 px et sur un écran d'ordinateur. */
const NARROW_PX = 288;
const WIDE_PX = 736;

/** Barres horizontales en HTML : le libellé entier (il passe à la ligne, jamais coupé), la barre et sa valeur au bout. */
export function BarChart({
  id,
  title,
  summary,
  data,
  valueHeader = 'Nombre',
}: {
  id: string;
  title: string;
  summary: string;
  data: Datum[];
  valueHeader?: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  // La plus longue barre laisse à sa valeur la place de s'écrire sur un téléphone (12 px gras ≈ 7 px par signe).
  const longest = Math.max(0, ...data.map((d) => show(d).length));
  // Jamais moins d'un dixième : une valeur très longue déborde, une barre de largeur négative n'existe pas.
  const reach = Math.max(10, Math.min(80, 100 * (1 - (longest * 7 + 10) / NARROW_PX)));
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={<DataTable caption={title} columns={['Catégorie', valueHeader]} rows={data.map((d) => [d.label, show(d)])} />}
    >
      <div className="relais-bars" role="img" aria-labelledby={`${id}-titre ${id}-resume`}>
        {data.map((d, i) => (
          <div className="relais-bars__row" key={`${i}-${d.label}`}>
            <span className="relais-bars__label">{d.label}</span>
            {/* Formes SVG en pourcentage : la politique de sécurité refuse les attributs style. */}
            <svg className="relais-bars__track" width="100%" height="20">
              <svg width={`${(reach * d.value) / max}%`} height="20" overflow="visible">
                <rect width="100%" height="20" fill={SERIES[0].color} />
                <text x="100%" dx="6" y="15" className="relais-chart__value">
                  {show(d)}
                </text>
              </svg>
            </svg>
          </div>
        ))}
      </div>
    </ChartFrame>
  );
}

/** Largeur approchée du plus long mot d'un libellé en police de 12 px (un libellé passe à la ligne entre ses mots). */
const wordPx = (label: string) => Math.max(...label.split(' ').map((word) => word.length)) * 5.5 + 2;
/** Au-delà, un libellé sur six seulement, et il passe à la ligne dans ses six cases. */
const MAX_SPAN = 6;

/**
 * Les libellés de l'axe du temps, en HTML sous le tracé. Quand ils ne tiennent pas côte à côte, un sur deux (ou sur
 * trois…) seulement selon la largeur de l'écran, et chacun s'étend sur les cases de ses voisins cachés.
 */
function TimeAxis({ labels }: { labels: string[] }) {
  const widest = Math.max(0, ...labels.map(wordPx));
  const every = (width: number) => Math.min(MAX_SPAN, Math.ceil(widest / (width / Math.max(1, labels.length))));
  const narrow = every(NARROW_PX);
  const wide = every(WIDE_PX);
  return (
    <ol className="relais-axis" aria-hidden="true">
      {labels.map((label, i) => {
        // Un libellé montré s'étend sur ses voisins cachés, k cases centrées sur la sienne : trop près de la fin (sauf le
        // dernier, aligné à droite), il sortirait du graphique ; on ne le montre pas à cette largeur-là.
        const pastEnd = (k: number) => i !== labels.length - 1 && i + (k + 1) / 2 > labels.length;
        const shown =
          i % wide !== 0 || pastEnd(wide) ? 'relais-axis--hidden' : i % narrow !== 0 || pastEnd(narrow) ? 'relais-axis--wide-only' : '';
        return (
          // Deux points peuvent porter le même libellé (deux diagnostics la même minute) : la position les distingue.
          <li key={i} className={`${shown} relais-axis--n${narrow} relais-axis--w${wide}`}>
            <span>{label}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** Colonnes dans le temps (mois, années), une case HTML chacune : leur largeur suit l'écran, leurs textes gardent leur taille. */
export function ColumnChart({
  id,
  title,
  summary,
  data,
  valueHeader = 'Nombre',
  extraColumns,
}: {
  id: string;
  title: string;
  summary: string;
  data: Datum[];
  valueHeader?: string;
  extraColumns?: { headers: string[]; cells: string[][] };
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rows = data.map((d, i) => [d.label, show(d), ...(extraColumns?.cells[i] ?? [])]);
  // Les valeurs au-dessus des colonnes : sur un téléphone jusqu'à 7 colonnes, sur un ordinateur jusqu'à 16.
  const density = data.length > 16 ? ' relais-columns--no-values' : data.length > 7 ? ' relais-columns--dense' : '';
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={<DataTable caption={title} columns={['Période', valueHeader, ...(extraColumns?.headers ?? [])]} rows={rows} />}
    >
      <div className={`relais-columns${density}`} role="img" aria-labelledby={`${id}-titre ${id}-resume`}>
        <ol className="relais-columns__plot">
          {data.map((d, i) => (
            <li key={`${i}-${d.label}`}>
              <svg width="100%" height="100%" overflow="visible">
                <rect x="15%" width="70%" y={`${100 - (85 * d.value) / max}%`} height={`${(85 * d.value) / max}%`} fill={SERIES[0].color} />
                <text
                  x="50%"
                  y={`${100 - (85 * d.value) / max}%`}
                  dy="-4"
                  textAnchor="middle"
                  className="relais-chart__value relais-columns__value"
                >
                  {show(d)}
                </text>
              </svg>
            </li>
          ))}
        </ol>
        <TimeAxis labels={data.map((d) => d.label)} />
      </div>
    </ChartFrame>
  );
}

export interface Series {
  name: string;
  points: Datum[];
}

/**
 * Courbes en pourcentage (0–100) : chaque série a sa couleur, son trait et son marqueur, nommés dans la légende.
 * Le tracé n'a pas de viewBox : ses abscisses sont en pourcentage de la largeur affichée et ses textes gardent 12 px.
 */
export function LineChart({ id, title, summary, series }: { id: string; title: string; summary: string; series: Series[] }) {
  const height = 200;
  const top = 18;
  const bottom = 6;
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  // Chaque point au milieu de sa case, comme les libellés de l'axe en dessous.
  const x = (i: number) => `${((i + 0.5) * 100) / Math.max(1, labels.length)}%`;
  const y = (value: number) => top + ((height - bottom - top) * (100 - value)) / 100;
  const table = (
    <DataTable
      caption={title}
      columns={['Période', ...series.map((s) => s.name)]}
      rows={labels.map((label, i) => [label, ...series.map((s) => (s.points[i] ? show(s.points[i]!) : ''))])}
    />
  );
  return (
    <ChartFrame id={id} title={title} summary={summary} table={table}>
      <ul className="relais-chart__legend">
        {series.map((s, i) => (
          <li key={s.name}>
            <svg width="36" height="14" aria-hidden="true">
              <line x1="2" x2="34" y1="7" y2="7" stroke={styleOf(i).color} strokeWidth="3" strokeDasharray={styleOf(i).dash} />
              <Marker kind={styleOf(i).marker} x={18} y={7} color={styleOf(i).color} />
            </svg>{' '}
            {s.name} (marqueur {styleOf(i).marker})
          </li>
        ))}
      </ul>
      <div role="img" aria-labelledby={`${id}-titre ${id}-resume`}>
        <svg width="100%" height={height} className="relais-chart__plot" aria-hidden="true">
          {[0, 25, 50, 75, 100].map((v) => (
            <g key={v}>
              <line x1="0" x2="100%" y1={y(v)} y2={y(v)} stroke="#dddddd" />
              <text x="0" y={y(v) - 3} className="relais-chart__label">
                {v} %
              </text>
            </g>
          ))}
          {series.map((s, i) => {
            const style = styleOf(i);
            return (
              <g key={s.name}>
                {s.points.slice(1).map((p, j) => (
                  <line
                    key={j}
                    x1={x(j)}
                    y1={y(s.points[j]!.value)}
                    x2={x(j + 1)}
                    y2={y(p.value)}
                    stroke={style.color}
                    strokeWidth={2.5}
                    strokeDasharray={style.dash}
                  />
                ))}
                {s.points.map((p, j) => (
                  // Un svg imbriqué place le marqueur en pourcentage sans le déformer.
                  <svg key={j} x={x(j)} y={y(p.value)} overflow="visible">
                    <Marker kind={style.marker} x={0} y={0} color={style.color} />
                  </svg>
                ))}
              </g>
            );
          })}
        </svg>
        <TimeAxis labels={labels} />
      </div>
    </ChartFrame>
  );
}

function Marker({ kind, x, y, color }: { kind: string; x: number; y: number; color: string }) {
  if (kind === 'carré') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
  if (kind === 'triangle') return <polygon points={`${x},${y - 5} ${x - 5},${y + 4} ${x + 5},${y + 4}`} fill={color} />;
  if (kind === 'triangle pointe en bas') return <polygon points={`${x},${y + 5} ${x - 5},${y - 4} ${x + 5},${y - 4}`} fill={color} />;
  if (kind === 'losange') return <polygon points={`${x},${y - 6} ${x + 5},${y} ${x},${y + 6} ${x - 5},${y}`} fill={color} />;
  if (kind === 'croix')
    return <path d={`M${x - 4} ${y - 4} L${x + 4} ${y + 4} M${x + 4} ${y - 4} L${x - 4} ${y + 4}`} stroke={color} strokeWidth={2.5} />;
  if (kind === 'cercle') return <circle cx={x} cy={y} r={4} fill="#ffffff" stroke={color} strokeWidth={2} />;
  return <circle cx={x} cy={y} r={4} fill={color} />;
}
