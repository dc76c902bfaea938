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

/** Barres horizontales : une catégorie par ligne, sa valeur écrite au bout de la barre. */
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
  const row = 28;
  const labelWidth = 230;
  const width = 640;
  const max = Math.max(1, ...data.map((d) => d.value));
  const height = Math.max(row, data.length * row) + 4;
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={<DataTable caption={title} columns={['Catégorie', valueHeader]} rows={data.map((d) => [d.label, show(d)])} />}
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="relais-chart__svg" role="img" aria-labelledby={`${id}-titre ${id}-resume`}>
        {data.map((d, i) => {
          const barWidth = ((width - labelWidth - 110) * d.value) / max;
          const y = i * row + 4;
          return (
            <g key={`${i}-${d.label}`}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="relais-chart__label">
                {d.label.length > 34 ? `${d.label.slice(0, 33)}…` : d.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(1, barWidth)} height={row - 8} fill={SERIES[0].color} />
              <text x={labelWidth + barWidth + 6} y={y + 17} className="relais-chart__value">
                {show(d)}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

/** Colonnes dans le temps (mois, années) ; la valeur est écrite au-dessus de chaque colonne quand la place le permet. */
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
  const width = 640;
  const height = 220;
  const bottom = 30;
  const top = 18;
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = (width - 10) / Math.max(1, data.length);
  const every = Math.ceil(data.length / 12);
  const rows = data.map((d, i) => [d.label, show(d), ...(extraColumns?.cells[i] ?? [])]);
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={<DataTable caption={title} columns={['Période', valueHeader, ...(extraColumns?.headers ?? [])]} rows={rows} />}
    >
      <svg viewBox={`0 0 ${width} ${height}`} className="relais-chart__svg" role="img" aria-labelledby={`${id}-titre ${id}-resume`}>
        <line x1={5} x2={width - 5} y1={height - bottom} y2={height - bottom} stroke="#3a3a3a" />
        {data.map((d, i) => {
          const h = ((height - bottom - top) * d.value) / max;
          const x = 5 + i * slot;
          return (
            <g key={`${i}-${d.label}`}>
              <rect x={x + slot * 0.15} y={height - bottom - h} width={slot * 0.7} height={h} fill={SERIES[0].color} />
              {data.length <= 16 && (
                <text x={x + slot / 2} y={height - bottom - h - 4} textAnchor="middle" className="relais-chart__value">
                  {show(d)}
                </text>
              )}
              {i % every === 0 && (
                <text x={x + slot / 2} y={height - bottom + 16} textAnchor="middle" className="relais-chart__label">
                  {d.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

export interface Series {
  name: string;
  points: Datum[];
}

/** Courbes en pourcentage (0–100) : chaque série a sa couleur, son trait et son marqueur, nommés dans la légende. */
export function LineChart({ id, title, summary, series }: { id: string; title: string; summary: string; series: Series[] }) {
  const width = 640;
  const height = 240;
  const left = 48;
  const bottom = 30;
  const top = 14;
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const step = (width - left - 20) / Math.max(1, labels.length - 1);
  const y = (value: number) => top + ((height - bottom - top) * (100 - value)) / 100;
  const every = Math.ceil(labels.length / 12);
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
      <svg viewBox={`0 0 ${width} ${height}`} className="relais-chart__svg" role="img" aria-labelledby={`${id}-titre ${id}-resume`}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={width - 10} y1={y(v)} y2={y(v)} stroke="#dddddd" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" className="relais-chart__label">
              {v} %
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text
              // Deux points peuvent porter le même libellé (deux diagnostics la même minute) : la position les distingue.
              key={i}
              x={left + i * step}
              y={height - 8}
              textAnchor={i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle'}
              className="relais-chart__label"
            >
              {label}
            </text>
          ) : null,
        )}
        {series.map((s, i) => {
          const style = styleOf(i);
          const points = s.points.map((p, j) => `${left + j * step},${y(p.value)}`).join(' ');
          return (
            <g key={s.name}>
              <polyline points={points} fill="none" stroke={style.color} strokeWidth={2.5} strokeDasharray={style.dash} />
              {s.points.map((p, j) => (
                <Marker key={j} kind={style.marker} x={left + j * step} y={y(p.value)} color={style.color} />
              ))}
            </g>
          );
        })}
      </svg>
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
