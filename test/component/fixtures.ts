// A member as main hands it to the screen: Nguyễn Văn An, the sandbox's everyday member, as the member
// directory keeps him; and journal entries as the journal panel receives them.

import type { DeskStatus, JournalEntryView, Member, MemberProfile } from '../../electron/ipc/contract.ts';

export function memberProfile(overrides: Partial<MemberProfile> = {}): MemberProfile {
  return {
    id: 360101,
    first_name: 'An',
    last_name: 'Nguyễn Văn',
    profile_card_number: '100006037101',
    phone: '0909977921',
    email: 'nguyenvanan88@gmail.com',
    point_used: 900,
    point_available: 6100,
    point_ranking: 10350,
    point_incoming: 250,
    level_id: 2106,
    level_name: 'Thành viên',
    total_spent: 1035000,
    total_order: 6,
    status: 'enabled',
    last_order_at: '2025-11-02T03:15:40.000000Z',
    updated_at: '2025-11-02T03:15:41.000000Z',
    phoneDisplay: '0909 977 921',
    phoneMasked: '0909 *** 921',
    syncedAt: '2025-11-20T02:05:00.000Z',
    ...overrides,
  };
}

export function member(overrides: Partial<Member> = {}): Member {
  return { ...memberProfile(), tags: [], attributes: [], extrasReadAt: '2025-11-20T02:05:00.000Z', live: true, waiting: { count: 0, points: 0, entryIds: [] }, recentChanges: [], ...overrides };
}

export function journalEntry(overrides: Partial<JournalEntryView> = {}): JournalEntryView {
  return {
    id: '6f1c2b1e-1d2a-4c3b-9a8e-0c1d2e3f4a5b',
    seq: 1,
    memberId: 360101,
    memberPhoneMasked: '0909 *** 921',
    memberName: 'Nguyễn Văn An',
    direction: 'subtract',
    points: 150,
    reason: 'Đổi điểm đơn #HD1234',
    refId: 'HD1234',
    till: 'Quầy 1',
    createdAt: '2025-11-20T02:05:00.000Z',
    state: 'pending',
    attempts: 0,
    lastError: null,
    cardBalanceBefore: 6100,
    cardBalanceAfter: 5950,
    sentBalanceBefore: null,
    sentBalanceAfter: null,
    lastSentAt: null,
    attemptEndedAt: null,
    unansweredAttempts: 0,
    reviewReason: null,
    duplicateCheck: null,
    duplicateCheckBalance: null,
    duplicateCheckStamp: null,
    decidedStamp: null,
    reasonKind: null,
    moneyDong: null,
    reversal: 'none',
    reversesId: null,
    reversalKind: null,
    serverBalance: null,
    updatedAt: '2025-11-20T02:05:00.000Z',
    resolvedBy: null,
    resolutionNote: null,
    ...overrides,
  };
}

export function deskStatus(overrides: Partial<DeskStatus> = {}): DeskStatus {
  return {
    mode: 'store',
    tokenHint: '…1234',
    tokenMissing: false,
    canEncrypt: true,
    health: 'online',
    pendingAdjustments: 0,
    journal: { pending: 0, uncertain: 0, rejected: 0, needs_review: 0, applied_twice: 0 },
    journalPausedBy: null,
    otherStoresWaiting: [],
    pinSet: false,
    unlocked: false,
    settingsTampered: false,
    ...overrides,
  };
}

/** Intl puts a no-break space before the currency sign. */
export const NBSP = '\u00a0';
