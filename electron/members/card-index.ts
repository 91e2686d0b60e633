// Finds members by loyalty card number, which Haravan's API cannot search. The index pages the shop's
// profiles (only id and card number) in the background once a store is in use; a cashier waiting on a
// card lookup moves the remaining pages to the interactive lane. The member directory (SQLite, issue 5)
// will take over this job with persistence and incremental sync.

import type { HaravanClient } from '../haravan/client.ts';
import type { Lane } from '../haravan/scheduler.ts';
import { MAX_PAGE_SIZE, type ProfileId } from '../haravan/types.ts';

export interface CardIndex {
  /** Starts paging in the background (no-op when already built or building). */
  warm(): void;
  /** Profile ids carrying this card number; newer members are fetched on a miss. */
  find(cardNumber: string): Promise<ProfileId[]>;
}

const indexes = new WeakMap<HaravanClient, CardIndex>();

/** One index per client, so that connecting another store starts a fresh one. */
export function cardIndexFor(client: HaravanClient): CardIndex {
  let index = indexes.get(client);
  if (!index) {
    index = createCardIndex(client);
    indexes.set(client, index);
  }
  return index;
}

export function createCardIndex(client: HaravanClient): CardIndex {
  const byCard = new Map<string, ProfileId[]>();
  let lastId = 0;
  let complete = false;
  let paging: Promise<void> | undefined;
  let waiting = 0;

  const lane = (): Lane => (waiting > 0 ? 'interactive' : 'background');

  async function pageToEnd(): Promise<void> {
    for (;;) {
      const page = await client.listProfiles(
        { since_id: lastId, limit: MAX_PAGE_SIZE, fields: ['id', 'profile_card_number'] },
        { lane: lane() },
      );
      for (const profile of page) {
        const card = profile.profile_card_number?.trim();
        if (card && profile.id !== undefined) byCard.set(card, [...(byCard.get(card) ?? []), profile.id]);
        if (profile.id !== undefined && profile.id > lastId) lastId = profile.id;
      }
      if (page.length < MAX_PAGE_SIZE) return;
    }
  }

  function catchUp(): Promise<void> {
    paging ??= pageToEnd().finally(() => {
      paging = undefined;
    });
    return paging;
  }

  return {
    warm() {
      if (!complete && !paging) {
        catchUp().then(
          () => (complete = true),
          () => {},
        );
      }
    },
    async find(cardNumber) {
      waiting += 1;
      try {
        if (!complete || !byCard.has(cardNumber)) {
          await catchUp();
          complete = true;
        }
        return byCard.get(cardNumber) ?? [];
      } finally {
        waiting -= 1;
      }
    },
  };
}
