import { describe, expect, it } from 'vitest';
import { canonical, chainHash, GENESIS, verifyChain, type ActContent, type ChainRow } from './journal-chain';

const act = (seq: number, whatDone = `Acte ${seq}`): ActContent => ({
  seq,
  mandateId: '00000000-0000-4000-8000-000000000001',
  personId: '00000000-0000-4000-8000-000000000002',
  solicitationId: null,
  area: 'social',
  procedure: 'Déclaration trimestrielle RSA',
  onlineService: 'caf.fr',
  whatDone,
  occurredAt: new Date(Date.UTC(2026, 10, seq, 9)),
  recordedAt: new Date(Date.UTC(2026, 10, seq, 9, 30)),
  actorId: '00000000-0000-4000-8000-000000000003',
});

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const content = act(seq);
    const hash = chainHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}
const headOf = (rows: ChainRow[]) => ({ seq: rows.length, hash: rows.at(-1)!.hash });

describe('chaîne du journal', () => {
  it('a un contenu canonique stable (clés triées, dates ISO)', () => {
    expect(canonical(act(1))).toBe(
      '{"actorId":"00000000-0000-4000-8000-000000000003","area":"social","mandateId":"00000000-0000-4000-8000-000000000001","occurredAt":"2026-11-01T09:00:00.000Z","onlineService":"caf.fr","personId":"00000000-0000-4000-8000-000000000002","procedure":"Déclaration trimestrielle RSA","recordedAt":"2026-11-01T09:30:00.000Z","seq":1,"solicitationId":null,"whatDone":"Acte 1"}',
    );
    expect(chainHash(GENESIS, act(1))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('valide une chaîne intacte, et un journal vide', () => {
    const rows = chain(5);
    expect(verifyChain(rows, headOf(rows))).toEqual({ ok: true, count: 5 });
    expect(verifyChain([], null)).toEqual({ ok: true, count: 0 });
  });

  it('nomme la ligne modifiée', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, whatDone: 'Autre chose' };
    expect(verifyChain(rows, headOf(rows))).toEqual({ ok: false, seq: 3, reason: 'contenu' });
  });

  it('détecte une ligne supprimée au milieu', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows, headOf(chain(5)))).toEqual({ ok: false, seq: 2, reason: 'sequence' });
  });

  it('détecte une suppression maquillée (numéros refaits)', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const renumbered = rows.map((r, i) => ({ ...r, seq: i + 1 }));
    expect(verifyChain(renumbered, headOf(chain(5)))).toEqual({ ok: false, seq: 2, reason: 'lien' });
  });

  it('détecte deux lignes échangées', () => {
    const rows = chain(5);
    const swapped = [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }, rows[3]!, rows[4]!];
    expect(verifyChain(swapped, headOf(rows))).toEqual({ ok: false, seq: 2, reason: 'lien' });
  });

  it('détecte la suppression des dernières lignes grâce à la tête', () => {
    const rows = chain(5);
    expect(verifyChain(rows.slice(0, 3), headOf(rows))).toEqual({ ok: false, seq: 3, reason: 'fin' });
  });
});
