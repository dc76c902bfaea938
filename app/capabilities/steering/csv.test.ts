import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvLine } from './csv';

describe('CSV pour Excel', () => {
  it('sépare par des points-virgules et termine par CRLF', () => {
    expect(csvLine(['2026-11-26', 'CAF', 20, null])).toBe('2026-11-26;CAF;20;\r\n');
  });
  it('met entre guillemets ce qui contient ; " ou un saut de ligne', () => {
    expect(csvCell('CAF; CPAM')).toBe('"CAF; CPAM"');
    expect(csvCell('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });
  it('neutralise les formules et écrit les décimales à la française', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(12.5)).toBe('12,5');
  });
  it('commence par la marque d’ordre des octets UTF-8', () => {
    expect(new TextEncoder().encode(BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
