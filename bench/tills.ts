// Simulation of many tills on one Haravan shop (`npm run bench -- tills`): T tills, each with its own
// scheduler, journal and directory (a real shop session, as a till runs it), on one sandbox bucket of
// Haravan's shape (80 requests), with cashiers opening cards and adding or redeeming points, the directories'
// incremental syncs, a new till joining with an empty directory, and the shop's other apps (its website, its
// ERP) reading at a steady rate without any scheduler. Time runs `scale` times faster than at a shop: the
// bucket drains 4 × scale per second and every rate and interval is scaled alike, so that minutes of a shop
// take seconds; figures are printed back in the shop's time (measured × scale; the till's own processing,
// a millisecond or two, is multiplied too).

import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHaravanClient, type HaravanClient } from '../electron/haravan/client.ts';
import { createScheduler } from '../electron/haravan/scheduler.ts';
import type { Profile } from '../electron/haravan/types.ts';
import { adjustPoints } from '../electron/members/adjust.ts';
import { getMember, lookup } from '../electron/members/members.ts';
import { startSandbox, type SandboxStore } from '../electron/sandbox/server.ts';
import { openShopSession, shopFile, type ShopSession } from '../electron/shop/session.ts';
import { DEFAULT_RULES } from '../electron/loyalty/rules.ts';
import { summarize } from './stats.ts';

export interface TillsOptions {
  tills: readonly number[];
  /** Shop minutes simulated per T. */
  minutes: number;
  scale: number;
  members: number;
  /** Customers a cashier serves per minute at the busiest hour. */
  cardsPerTillPerMinute: number;
  /** Share of card opens followed by a points change (an add twice as often as a redeem). */
  adjustShare: number;
  /** Share of customers whose tags and attributes this till read in the last week. */
  knownExtrasShare: number;
  /** The shop's other apps, in requests per shop second. */
  otherAppsPerSecond: number;
  /** Haravan's round trip from a till, in shop milliseconds. */
  roundTripMs: number;
  /** From the card on screen to a change confirmed, in shop milliseconds. */
  typingMs: number;
}

export const DEFAULT_TILLS: TillsOptions = {
  tills: [1, 5, 20, 50, 100],
  minutes: 5,
  scale: 10,
  members: 5_000,
  cardsPerTillPerMinute: 2,
  adjustShare: 0.6,
  knownExtrasShare: 0.5,
  otherAppsPerSecond: 0.5,
  roundTripMs: 120,
  typingMs: 20_000,
};

export interface TillsFigures {
  tills: number;
  cards: number;
  cardsPerMinute: number;
  cardMs: { median: number; p95: number };
  changeMs: { median: number; p95: number };
  requestsPerCard: number;
  /** Requests of the tills over what the bucket drains in the run. */
  bucketShare: number;
  tillRateLimited: number;
  /** Minutes since each existing till's last incremental sync, at its worst moment (p95 over samples). */
  staleMinutes: { p95: number; max: number };
  newTill: { phoneLookupSeconds: number; directoryShare: number; directoryMinutes: number | null; pagesPerMinute: number };
}

const SHOP = 'store:bench';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs each T in turn, handing each row to `report` as soon as it is measured. */
export async function benchTills(options: TillsOptions, report: (figures: TillsFigures) => void): Promise<void> {
  const { scale } = options;
  const drain = 4 * scale;
  const store = await startSandbox({ members: options.members, bucketSize: 80, drainPerSecond: drain, seed: 11 });
  const folder = mkdtempSync(join(tmpdir(), 'loyalty-desk-tills-'));
  try {
    store.addFault({ kind: 'latency', ms: options.roundTripMs / scale });
    const template = await synced(store, folder, options);
    for (const tills of options.tills) report(await simulate(store, folder, template, tills, options));
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function tillClient(store: SandboxStore, scale: number, onRateLimited: () => void): HaravanClient {
  return createHaravanClient({
    token: store.tokens.readWrite,
    baseURL: store.url,
    scheduler: createScheduler({ drainPerSecond: 4 * scale }),
    onOutcome: (outcome) => outcome === 'rate_limited' && onRateLimited(),
  });
}

function session(store: SandboxStore, dataDir: string, till: string, client: HaravanClient, scale: number): ShopSession {
  return openShopSession({
    dataDir,
    shop: SHOP,
    till,
    client,
    retentionDays: () => 90,
    journalTiming: { settleMs: 60_000 / scale, retryMs: 1_000 / scale, maxRetryMs: 30_000 / scale, probeMs: 60_000 / scale },
    syncOptions: { intervalMs: 300_000 / scale, retryMs: 30_000 / scale, overlapMs: 120_000 / scale },
  });
}

/**
 * A shop file as a till that has worked for a while holds it: the whole directory, and the tags and
 * attributes of the customers it served this week. Copied to every till of a run.
 */
async function synced(store: SandboxStore, folder: string, options: TillsOptions): Promise<string> {
  const dataDir = join(folder, 'template');
  const built = session(store, dataDir, 'template', tillClient(store, options.scale, () => {}), options.scale);
  while (!built.directory.isComplete(SHOP)) await sleep(50);
  for (const profile of store.profiles()) {
    if (hash(profile.id) >= options.knownExtrasShare) continue;
    built.directory.keepTags(SHOP, profile.id, store.tags(profile.id).split(',').filter(Boolean));
    built.directory.keepAttributes(SHOP, profile.id, profile.attributes ?? []);
  }
  await built.close();
  return shopFile(dataDir, SHOP);
}

/** A fixed pseudo-random share in [0, 1) per member. */
const hash = (id: number) => ((id * 2_654_435_761) % 2 ** 32) / 2 ** 32;

async function simulate(store: SandboxStore, folder: string, template: string, count: number, options: TillsOptions): Promise<TillsFigures> {
  const { scale } = options;
  const runMs = (options.minutes * 60_000) / scale;
  const members = store.profiles().filter((profile) => profile.phone !== '' && profile.status === 'enabled');
  let tillRateLimited = 0;
  const tills = Array.from({ length: count }, (_, index) => {
    const dataDir = join(folder, `run-${count}`, `till-${index}`);
    mkdirSync(join(dataDir, 'shops'), { recursive: true });
    copyFileSync(template, shopFile(dataDir, SHOP));
    return session(store, dataDir, `Quầy ${index + 1}`, tillClient(store, scale, () => (tillRateLimited += 1)), scale);
  });
  const before = store.stats();
  let otherRequests = 0;
  let changes = 0;
  const cardTimes: number[] = [];
  const changeTimes: number[] = [];
  const staleness: number[] = [];
  let running = true;
  const started = performance.now();

  const cashier = async (till: ShopSession, index: number) => {
    let served = 0;
    await sleep(Math.random() * (60_000 / options.cardsPerTillPerMinute / scale));
    while (running) {
      const member = customer(members, index, served++);
      const enter = performance.now();
      const found = await lookup(till, member.phone);
      if (found.members.length > 0) {
        const card = await getMember(till, found.members[0]!.id);
        cardTimes.push((performance.now() - enter) * scale);
        if (Math.random() < options.adjustShare) {
          // The cashier rings up the order and types the points before confirming.
          await sleep(options.typingMs / scale);
          const redeem = Math.random() < 1 / 3 && card.point_available >= 10;
          const confirm = performance.now();
          changes += 1;
          const context = { session: till, offline: false, offlineRedeemCapPoints: 500, rules: DEFAULT_RULES };
          const orderRef = `B${count}-${index}-${served}`;
          await (redeem
            ? adjustPoints(context, 'subtract', { memberId: card.id, points: 10, reason: 'Đổi điểm', orderRef })
            : adjustPoints(context, 'add', { memberId: card.id, points: 25, reason: 'Khuyến mãi', orderRef, reasonKind: 'promotion' })
          ).catch(() => undefined);
          changeTimes.push((performance.now() - confirm) * scale);
        }
      }
      await sleep(-Math.log(1 - Math.random()) * (60_000 / options.cardsPerTillPerMinute / scale));
    }
  };

  const otherApps = async () => {
    while (running) {
      await sleep(1_000 / options.otherAppsPerSecond / scale);
      otherRequests += 1;
      void fetch(`${store.url}/loy/profiles/${members[otherRequests % members.length]!.id}.json`, {
        headers: { Authorization: `Bearer ${store.tokens.readOnly}` },
      }).then((response) => response.arrayBuffer(), () => undefined);
    }
  };

  const watchStaleness = async () => {
    while (running) {
      await sleep(60_000 / scale);
      for (const till of tills) {
        const last = till.directory.status(SHOP).lastIncrementalSync;
        if (last) staleness.push(((Date.now() - Date.parse(last)) * scale) / 60_000);
      }
    }
  };

  // A new till joins a third of the way in, with an empty directory: when can it answer a phone lookup?
  const newcomer = (async () => {
    await sleep(runMs / 3);
    const joinedAt = performance.now();
    const dataDir = join(folder, `run-${count}`, 'new-till');
    const till = session(store, dataDir, 'Quầy mới', tillClient(store, scale, () => (tillRateLimited += 1)), scale);
    const target = members[7]!;
    const found = await lookup(till, target.phone);
    const phoneLookupSeconds = found.members.some((member) => member.id === target.id) ? ((performance.now() - joinedAt) * scale) / 1000 : Number.NaN;
    while (running && !till.directory.isComplete(SHOP)) await sleep(100);
    const elapsedMinutes = ((performance.now() - joinedAt) * scale) / 60_000;
    const status = till.directory.status(SHOP);
    const share = status.complete ? 1 : status.size / options.members;
    await till.close();
    return {
      phoneLookupSeconds,
      directoryShare: share,
      directoryMinutes: status.complete ? elapsedMinutes : null,
      pagesPerMinute: status.size / 50 / elapsedMinutes,
    };
  })();

  const work = [...tills.map(cashier), otherApps(), watchStaleness()];
  await sleep(runMs);
  running = false;
  await Promise.all(work);
  const newTill = await newcomer;
  const elapsedMs = performance.now() - started;
  const after = store.stats();
  await Promise.all(tills.map((till) => till.close()));

  const tillRequests = after.requests - before.requests - otherRequests;
  const delta = (endpoint: keyof typeof after.byEndpoint) => (after.byEndpoint[endpoint] ?? 0) - (before.byEndpoint[endpoint] ?? 0);
  const card = summarize(cardTimes);
  const change = summarize(changeTimes);
  const stale = summarize(staleness);
  return {
    tills: count,
    cards: cardTimes.length,
    cardsPerMinute: cardTimes.length / options.minutes,
    cardMs: { median: card.median, p95: card.p95 },
    changeMs: { median: change.median, p95: change.p95 },
    // Every change reads the member afresh before its PUT, as the journal needs: that read is the change's.
    requestsPerCard: (delta('profile') - otherRequests - changes + delta('tags') + delta('attributes')) / cardTimes.length,
    bucketShare: tillRequests / ((4 * scale * elapsedMs) / 1000),
    tillRateLimited,
    staleMinutes: { p95: stale.p95, max: stale.max },
    newTill,
  };
}

/** Most customers are regulars: a cashier's customers are drawn with a skew towards a few hundred. */
function customer(members: Profile[], till: number, served: number): Profile {
  const u = Math.random();
  return members[Math.floor(members.length * u * u * u + till * 7 + served) % members.length]!;
}
