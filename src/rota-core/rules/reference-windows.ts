import type { Normalised } from '../normalise.js';

/**
 * Reference windows of `weeks` weeks for the averaging rules: one ending after each week of the rota (counted
 * from its first day) and one ending at its last day, so a breach is caught in the week it happens. Returned as
 * [firstDay, dayAfterLast] pairs.
 */
export function referenceWindows(n: Normalised, weeks: number): Array<[number, number]> {
  return n.memo(`referenceWindows:${weeks}`, () => {
    const ends: number[] = [];
    for (let end = n.rotaStartDay + 7; end <= n.rotaEndDay + 1; end += 7) ends.push(end);
    if (ends[ends.length - 1] !== n.rotaEndDay + 1) ends.push(n.rotaEndDay + 1);
    return ends.map((end): [number, number] => [end - weeks * 7, end]);
  });
}
