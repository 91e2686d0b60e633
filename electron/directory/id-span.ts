// Haravan gives no member count, so the initial sync estimates how far through the shop it is from member
// ids, which only grow: it looks for the highest id with tiny requests (since_id = x, limit = 1, id only:
// "is there a member after x?"), doubling the step until nothing is after it, then halving the gap to
// within 2 % of the span. About a dozen requests, once per shop; the estimate is persisted.

/** The first member id after `id`, or undefined when there is none. */
export type FirstIdAfter = (id: number) => Promise<number | undefined>;

const PRECISION = 0.02;

/** `knownId` is an id that exists (the last of the first page); `firstId` the first id of the shop. */
export async function estimateLastId(firstIdAfter: FirstIdAfter, firstId: number, knownId: number): Promise<number> {
  let low = knownId;
  // Ids may be shared by every Haravan shop and huge; start from a step in proportion to them.
  let step = Math.max(knownId - firstId, Math.ceil(knownId / 64), 1);
  let high: number | undefined;
  while (high === undefined) {
    const probe = Math.min(low + step, Number.MAX_SAFE_INTEGER);
    const found = await firstIdAfter(probe);
    if (found === undefined) high = probe;
    else {
      low = found;
      step *= 2;
    }
  }
  while (high - low > PRECISION * (high - firstId)) {
    const middle = Math.floor((low + high) / 2);
    const found = await firstIdAfter(middle);
    if (found === undefined) high = middle;
    else low = found;
  }
  return low;
}
