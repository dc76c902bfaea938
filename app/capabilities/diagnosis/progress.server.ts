// La progression vue par la structure : sur une période, combien de personnes diagnostiquées plusieurs fois ont
// progressé, stagné ou reculé entre leur premier et leur dernier diagnostic de la période (une lecture SQL).
import { sql, type SQL } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import type { Autonomy, Level } from '../reception/vocabulary';
import { trendBetween, type Trend } from './rules';
import { BLOCKS, type Block } from './vocabulary';

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
export async function progressOverPeriod(services: Services, actor: Actor, period: { from: Date; to: Date }) {
  return transaction(services.database, actor, (tx) => readProgress(tx, actor.structureId, { start: sql`${period.from.toISOString()}::timestamptz`, end: sql`${period.to.toISOString()}::timestamptz` }));
}

/** La progression dans une transaction ouverte (la page des diagnostics, le pilotage, le rapport annuel). */
export async function readProgress(tx: Tx, structureId: string, bounds: { start: SQL; end: SQL }) {
  const rows = await sqlRows<Row>(tx, sql`
    with d as (
      select person_id, overall_score, autonomy, level, block_scores, created_at,
        row_number() over (partition by person_id order by created_at, id) as rank_first,
        row_number() over (partition by person_id order by created_at desc, id desc) as rank_last,
        count(*) over (partition by person_id)::int as n
      from diagnoses
      where structure_id = ${structureId} and created_at >= ${bounds.start} and created_at < ${bounds.end}
    )
    select f.person_id, f.n,
      f.overall_score as first_score, f.autonomy as first_autonomy, f.level as first_level, f.block_scores as first_blocks,
      l.overall_score as last_score, l.autonomy as last_autonomy, l.level as last_level, l.block_scores as last_blocks
    from d f join d l on l.person_id = f.person_id and l.rank_last = 1
    where f.rank_first = 1`);
  const repeated = rows.filter((r) => r.n >= 2);
  const trends: Record<Trend, number> = { progres: 0, stable: 0, recul: 0 };
  for (const r of repeated) trends[trendBetween({ overall: r.first_score, autonomy: r.first_autonomy }, { overall: r.last_score, autonomy: r.last_autonomy })]++;
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
