// La progression vue par la structure : sur une période, combien de personnes diagnostiquées plusieurs fois ont
// progressé, stagné ou reculé entre leur premier et leur dernier diagnostic de la période (une lecture SQL).
import { sql, type SQL } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import type { Level } from '../reception/vocabulary';
import type { Autonomy } from '../../vocabulary/coop';
import { trendBetween, type Trend } from './rules';
import { BLOCKS, type Block } from './vocabulary';
import type { RequestContext } from '../../platform/request.server';

interface Row {
  person_id: string;
  n: number;
  first_score: number;
  first_autonomy: Autonomy;
  first_level: Level;
  first_blocks: Record<Block, number | null>;
  last_score: number;
  last_autonomy: Autonomy;
  last_level: Level;
  last_blocks: Record<Block, number | null>;
}

const average = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.round(known.reduce((a, b) => a + b, 0) / known.length) : null;
};

/** [from, to[ : la période en dates de début et de fin exclue. */
export async function progressOverPeriod({ actor, tx }: RequestContext, period: { from: Date; to: Date }) {
  return readProgress(tx, actor.structureId, {
    start: sql`${period.from.toISOString()}::timestamptz`,
    end: sql`${period.to.toISOString()}::timestamptz`,
  });
}

/** La progression dans une transaction ouverte (la page des diagnostics, le pilotage, le rapport annuel). */
export async function readProgress(tx: Tx, structureId: string, bounds: { start: SQL; end: SQL }) {
  // Une seule passe : les fenêtres donnent le premier et le dernier diagnostic de chaque personne sur la même ligne.
  const rows = await sqlRows<Row>(
    tx,
    sql`
    select person_id, n, first_score, first_autonomy, first_level, first_blocks, last_score, last_autonomy, last_level, last_blocks
    from (
      select person_id,
        count(*) over person::int as n,
        row_number() over oldest as rank,
        first_value(overall_score) over oldest as first_score, first_value(autonomy) over oldest as first_autonomy,
        first_value(level) over oldest as first_level, first_value(block_scores) over oldest as first_blocks,
        first_value(overall_score) over newest as last_score, first_value(autonomy) over newest as last_autonomy,
        first_value(level) over newest as last_level, first_value(block_scores) over newest as last_blocks
      from diagnoses
      where structure_id = ${structureId} and created_at >= ${bounds.start} and created_at < ${bounds.end}
      window person as (partition by person_id),
        oldest as (partition by person_id order by created_at, id),
        newest as (partition by person_id order by created_at desc, id desc)
    ) d
    where rank = 1`,
  );
  const repeated = rows.filter((r) => r.n >= 2);
  const trends: Record<Trend, number> = { progres: 0, stable: 0, recul: 0 };
  for (const r of repeated)
    trends[trendBetween({ overall: r.first_score, autonomy: r.first_autonomy }, { overall: r.last_score, autonomy: r.last_autonomy })]++;
  return {
    diagnoses: rows.reduce((sum, r) => sum + r.n, 0),
    persons: rows.length,
    repeated: repeated.length,
    trends,
    blocks: (Object.keys(BLOCKS) as Block[]).map((block) => ({
      block,
      first: average(repeated.map((r) => r.first_blocks[block])),
      last: average(repeated.map((r) => r.last_blocks[block])),
    })),
    overall: { first: average(repeated.map((r) => r.first_score)), last: average(repeated.map((r) => r.last_score)) },
  };
}
export type Progress = Awaited<ReturnType<typeof readProgress>>;
