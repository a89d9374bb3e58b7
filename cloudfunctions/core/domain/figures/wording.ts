/**
 * How the annual report words a figure (DOMAIN.md "How numbers are worded").
 * Pure: the same rules serve the 汇总 page, the report page, the CLI and exports.
 */
import type { Figure, MetricKind } from '../../../../types/metrics';
import { fenToYuanText } from '../../../../types/money';

const FEN_PER_WAN = 1_000_000; // 1万元 = 10,000元 = 1,000,000分

/** Rounds down to the report's round figure: below 100 exact, then tens, hundreds, thousands. */
export function roundFigure(n: number): { value: number; cut: boolean } {
  const step = n < 100 ? 1 : n < 1000 ? 10 : n < 10000 ? 100 : 1000;
  const value = Math.floor(n / step) * step;
  return { value, cut: value !== n };
}

export function wordFigure(value: number, unit: string, kind: MetricKind): Figure {
  if (kind === 'money') {
    const exactText = `${fenToYuanText(value)}元`;
    // Below 1万元 there is no whole 万 to say ('0余万元'): the yuan, rounded down.
    const [step, unitText] = value < FEN_PER_WAN ? [100, '元'] : [FEN_PER_WAN, '万元'];
    return { value, text: `${Math.floor(value / step)}${value % step ? '余' : ''}${unitText}`, exactText };
  }
  const exactText = `${value}${unit}`;
  if (kind === 'exact') return { value, text: exactText, exactText };
  const r = roundFigure(value);
  return { value, text: `${r.value}${r.cut ? '余' : ''}${unit}`, exactText };
}
