// The end-of-shift report for one till: every adjustment of the shift grouped by where it stands, the
// totals a manager reconciles against the store, and the same list as CSV.

import type { PointDirection } from '../haravan/types.ts';
import type { ReasonKind, ReversalKind } from '../journal/types.ts';
import type { Language } from '../settings/settings.ts';
import {
  isPaidRedemption,
  moneyLine,
  reasonTotalKind,
  reasonTotalMessage,
  REASON_TOTAL_ORDER,
  signedPoints,
  stateMessage,
  STATE_ORDER,
  type AdjustmentState,
  type PrintedAdjustment,
  type ReasonTotalKind,
} from './adjustments.ts';
import { toCsv } from '../export/csv.ts';
import { printDocument, row, type Printable } from './document.ts';
import { formatsFor, type Formats } from '../locale/formats.ts';
import { displayName, moneyText, spreadsheetDateTime } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { translatorFor, type PrintMessageKey, type Translate } from './messages.ts';
import { isRoll, paperSpec, type Paper } from './paper.ts';

export interface ShiftMember {
  id: number;
  /** As shown on the card, family name first ("" when the member has none): the journal's `memberName`. */
  name: string;
  /** Already masked ("0909 *** 921"), as `MemberProfile.phoneMasked`; "" when none. */
  phoneMasked: string;
}

/** The change a reversal reverses, as the journal still holds it. */
export interface ReversedChange {
  /** When the cashier made it. */
  at: Date;
  direction: PointDirection;
  points: number;
  reason: string;
  reasonKind: ReasonKind | null;
  refId: string;
}

export interface ShiftAdjustment extends PrintedAdjustment {
  /** When the cashier made it. */
  at: Date;
  member: ShiftMember;
  /**
   * For a reversal (`isReversal`): the change it reverses, null when the journal no longer holds it (kept
   * days ran out). Its own `reason` is the manager's note. Absent for any other change.
   */
  reverses?: ReversedChange | null | undefined;
  /** Why a reversal was made: the change went to the store twice, or it was refunded. */
  reversalKind?: ReversalKind | null | undefined;
}

export interface ShiftReportInput {
  language: Language;
  /** The store's IANA zone (settings.timeZone); times are printed in it. */
  timeZone: string;
  printedAt: Date;
  store: { name: string };
  till: string;
  /** Who opened the shift (Shift.operator); "" or absent for a shift from before names were asked. */
  operator?: string | undefined;
  shift: { openedAt: Date; closedAt: Date };
  adjustments: readonly ShiftAdjustment[];
  paper: Paper;
  /** Made in Training mode: marked so on paper and in the CSV. */
  training?: boolean;
}

export interface PointTotals {
  /** Points added, a positive number. */
  added: number;
  /** Points redeemed (subtracted), a positive number. */
  redeemed: number;
  count: number;
  /** What the redemptions among them took off bills, whole đồng (their `moneyDong`; reversals not counted). */
  redeemedDong: number;
}

/** Applied changes of one kind (see reasonTotalKind). */
export interface ReasonTotals {
  count: number;
  /** Added less subtracted. */
  signedPoints: number;
  /** The money behind them, whole đồng: discounts given, bills' amounts (for reversals, their originals'). */
  dong: number;
}

export interface ShiftTotals {
  byState: Record<AdjustmentState, PointTotals>;
  /** Applied changes only, by what they were for. */
  byReason: Record<ReasonTotalKind, ReasonTotals>;
  /** Distinct members with at least one adjustment this shift, whatever became of it. */
  membersServed: number;
}

export function shiftTotals(adjustments: readonly ShiftAdjustment[]): ShiftTotals {
  const empty = (): PointTotals => ({ added: 0, redeemed: 0, count: 0, redeemedDong: 0 });
  const byState: Record<AdjustmentState, PointTotals> = { applied: empty(), waiting: empty(), needs_review: empty(), rejected: empty() };
  const byReason = Object.fromEntries(REASON_TOTAL_ORDER.map((kind) => [kind, { count: 0, signedPoints: 0, dong: 0 }])) as Record<ReasonTotalKind, ReasonTotals>;
  for (const a of adjustments) {
    const totals = byState[a.state];
    if (a.direction === 'add') totals.added += a.points;
    else totals.redeemed += a.points;
    totals.count += 1;
    if (isPaidRedemption(a)) totals.redeemedDong += moneyLine(a)?.dong ?? 0;
    if (a.state !== 'applied') continue;
    const reason = byReason[reasonTotalKind(a)];
    reason.count += 1;
    reason.signedPoints += signedPoints(a);
    reason.dong += moneyLine(a)?.dong ?? 0;
  }
  return { byState, byReason, membersServed: new Set(adjustments.map((a) => a.member.id)).size };
}

function chronological(adjustments: readonly ShiftAdjustment[]): ShiftAdjustment[] {
  return [...adjustments].sort((a, b) => a.at.getTime() - b.at.getTime());
}

interface Context {
  t: Translate;
  f: Formats;
  paper: Paper;
}

function pointTotals(heading: string, totals: PointTotals, state: AdjustmentState, { t, f }: Context): SafeHtml {
  return html`<p class="strong">${heading}</p>
${row(t('pointsAdded'), f.signedPoints(totals.added), `${state}.added`, { indent: true })}
${row(t('pointsRedeemed'), f.signedPoints(-totals.redeemed), `${state}.redeemed`, { indent: true })}
${row(t('redeemedValue'), f.dong(totals.redeemedDong), `${state}.redeemed_money`, { indent: true })}`;
}

/** Applied changes by kind: a line per kind that had any, with its count and points, and its money if any. */
function reasonTotals(totals: ShiftTotals, { t, f }: Context): SafeHtml | false {
  const kinds = REASON_TOTAL_ORDER.filter((kind) => totals.byReason[kind].count > 0);
  if (kinds.length === 0) return false;
  return html`<section class="facts" data-section="by_reason">
<h2>${t('byReason')}</h2>
${kinds.map((kind) => {
    const { count, signedPoints: points, dong } = totals.byReason[kind];
    return html`<div class="row" data-kind="${kind}"><span class="label">${t(reasonTotalMessage(kind))} (<span data-field="reason.${kind}.count">${f.points(count)}</span>)</span><span class="value strong" data-field="reason.${kind}.points">${f.signedPoints(points)}</span></div>
${dong > 0 && row(t('money'), f.dong(dong), `reason.${kind}.money`, { indent: true })}`;
  })}
</section>`;
}

/** "-900 · Đổi quà · 08:16 29/11/2025": the change a reversal reverses. */
function originalText(a: ShiftAdjustment, { t, f }: Context): string {
  const original = a.reverses;
  if (!original) return `${f.signedPoints(-signedPoints(a))} · ${t('originalGone')}`;
  return [f.signedPoints(signedPoints(original)), original.reason, original.refId && `${t('order')}: ${original.refId}`, f.dateTime(original.at)]
    .filter(Boolean)
    .join(' · ');
}

function reversalKindText(a: ShiftAdjustment, t: Translate): string {
  return a.reversalKind ? t(`reversalKind.${a.reversalKind}` satisfies PrintMessageKey) : '';
}

/** Every reversal made in the shift, whatever became of it: what it reverses, where it stands, the manager's note. */
function reversals(adjustments: readonly ShiftAdjustment[], context: Context): SafeHtml | false {
  const { t, f, paper } = context;
  const made = chronological(adjustments).filter((a) => a.isReversal);
  if (made.length === 0) return false;
  const list = isRoll(paper)
    ? html`${made.map((a) => {
        const { name, phone } = who(a.member, t);
        const kind = reversalKindText(a, t);
        return html`<div class="entry" data-reversal="true">
<div class="row"><span class="label">${f.time(a.at)} · ${name}</span><span class="value strong">${f.signedPoints(signedPoints(a))}</span></div>
${phone && html`<div class="meta">${phone}</div>`}
<div class="meta" data-field="original">${t('originalChange')}: ${originalText(a, context)}</div>
<div class="meta">${t(stateMessage(a.state))}${kind && html` · ${kind}`} · ${t('note')}: <span data-field="note">${a.reason}</span></div>
</div>`;
      })}`
    : html`<table>
<thead><tr>
<th class="w-10">${t('time')}</th><th class="w-20">${t('member')}</th><th class="w-27">${t('originalChange')}</th>
<th class="w-20">${t('note')}</th><th class="w-13">${t('status')}</th><th class="w-10 num">${t('points')}</th>
</tr></thead>
<tbody>${made.map((a) => {
        const { name, phone } = who(a.member, t);
        const kind = reversalKindText(a, t);
        return html`<tr data-reversal="true">
<td class="nowrap">${f.time(a.at)}</td><td>${name}${phone && html`<br><span class="meta">${phone}</span>`}</td>
<td data-field="original">${originalText(a, context)}</td><td data-field="note">${a.reason}</td>
<td>${t(stateMessage(a.state))}${kind && html`<br><span class="meta">${kind}</span>`}</td><td class="num strong">${f.signedPoints(signedPoints(a))}</td>
</tr>`;
      })}</tbody>
</table>`;
  return html`<section data-section="reversals">
<h2>${t('reversals')} (${made.length})</h2>
${list}
</section>`;
}

function summary(totals: ShiftTotals, context: Context): SafeHtml {
  const { t, f } = context;
  return html`<section class="facts">
<h2>${t('summary')}</h2>
${row(t('membersServed'), f.points(totals.membersServed), 'members_served')}
${pointTotals(t('appliedTotals'), totals.byState.applied, 'applied', context)}
${pointTotals(t('waitingTotals'), totals.byState.waiting, 'waiting', context)}
<p class="strong">${t('adjustmentCount')}</p>
${STATE_ORDER.map((state) => row(t(stateMessage(state)), f.points(totals.byState[state].count), `${state}.count`, { indent: true }))}
</section>`;
}

function who(member: ShiftMember, t: Translate): { name: string; phone: string } {
  // The phone goes on its own line only when it is not already standing in for a missing name.
  return { name: displayName(member.name, member.phoneMasked, t), phone: member.name.trim() ? member.phoneMasked : '' };
}

/** What a change's own line says after its reason: that it is a reversal, its money, its order. */
function details(a: ShiftAdjustment, { t, f }: Context): SafeHtml {
  const money = moneyText(a, t, f);
  return html`${money && html` · <span data-field="money">${money}</span>`}${a.refId && html` · ${t('order')}: ${a.refId}`}`;
}

function reversalTag(a: ShiftAdjustment, t: Translate): SafeHtml | false {
  return a.isReversal === true && html`<span class="tag" data-field="reversal">${t('reversal')}</span> · `;
}

function entries(adjustments: readonly ShiftAdjustment[], context: Context): SafeHtml {
  const { t, f } = context;
  return html`${adjustments.map((a) => {
    const { name, phone } = who(a.member, t);
    return html`<div class="entry">
<div class="row"><span class="label">${f.time(a.at)} · ${name}</span><span class="value strong">${f.signedPoints(signedPoints(a))}</span></div>
${phone && html`<div class="meta">${phone}</div>`}
<div class="meta">${reversalTag(a, t)}${a.reason}${details(a, context)}</div>
</div>`;
  })}`;
}

function table(adjustments: readonly ShiftAdjustment[], context: Context): SafeHtml {
  const { t, f } = context;
  return html`<table>
<thead><tr>
<th class="w-12">${t('time')}</th><th class="w-25">${t('member')}</th><th class="w-25">${t('reason')}</th>
<th class="w-23">${t('order')}</th><th class="w-15 num">${t('points')}</th>
</tr></thead>
<tbody>${adjustments.map((a) => {
    const { name, phone } = who(a.member, t);
    const money = moneyText(a, t, f);
    return html`<tr>
<td class="nowrap">${f.time(a.at)}</td><td>${name}${phone && html`<br><span class="meta">${phone}</span>`}</td>
<td>${reversalTag(a, t)}${a.reason}${money && html`<br><span class="meta" data-field="money">${money}</span>`}</td><td>${a.refId}</td><td class="num strong">${f.signedPoints(signedPoints(a))}</td>
</tr>`;
  })}</tbody>
</table>`;
}

function groups(adjustments: readonly ShiftAdjustment[], context: Context): SafeHtml {
  const { t, paper } = context;
  if (adjustments.length === 0) return html`<section><p>${t('noAdjustmentsThisShift')}</p></section>`;
  const sorted = chronological(adjustments);
  return html`${STATE_ORDER.map((state) => {
    const inState = sorted.filter((a) => a.state === state);
    if (inState.length === 0) return false;
    return html`<section data-state="${state}">
<h2>${t(stateMessage(state))} (${inState.length})</h2>
${isRoll(paper) ? entries(inState, context) : table(inState, context)}
</section>`;
  })}`;
}

export function renderShiftReport(input: ShiftReportInput): Printable {
  const t = translatorFor(input.language);
  const f = formatsFor(input.language, input.timeZone);
  const context: Context = { t, f, paper: input.paper };
  const totals = shiftTotals(input.adjustments);
  const body = html`<header class="head">
${input.store.name && html`<h1 class="store">${input.store.name}</h1>`}
<p class="title">${t('shiftTitle')}</p>
</header>
<section class="facts">
${row(t('till'), input.till, 'till', { text: true })}
${input.operator?.trim() && row(t('operator'), input.operator.trim(), 'operator', { text: true })}
${row(t('shiftOpened'), f.dateTime(input.shift.openedAt), 'opened_at')}
${row(t('shiftClosed'), f.dateTime(input.shift.closedAt), 'closed_at')}
${row(t('printedAt'), f.dateTime(input.printedAt), 'printed_at')}
</section>
${summary(totals, context)}
${reasonTotals(totals, context)}
${reversals(input.adjustments, context)}
${groups(input.adjustments, context)}`;
  return {
    html: printDocument({
      language: input.language,
      title: `${t('shiftTitle')} · ${input.till}`,
      paper: input.paper,
      body,
      trainingMark: input.training ? t('trainingMark') : undefined,
    }),
    paper: paperSpec(input.paper),
  };
}

/**
 * The shift's adjustments, oldest first, one per line; points signed and money in whole đồng, both without
 * separators, for sums. After the first columns (kept where they were): who opened the shift, the reason's
 * kind in words, the money, and for a reversal the change it reverses ("2025-11-29 08:16:00 -900").
 * In Training mode every row starts with the training mark, so that no sum of practice points passes for real.
 */
export function shiftReportCsv(input: Pick<ShiftReportInput, 'language' | 'timeZone' | 'adjustments' | 'training' | 'operator'>): string {
  const t = translatorFor(input.language);
  const mark = input.training ? [t('trainingMark')] : [];
  const operator = input.operator?.trim() ?? '';
  const header = [
    ...(input.training ? [t('mode')] : []),
    t('status'), t('time'), t('memberId'), t('member'), t('phone'), t('points'), t('reason'), t('order'),
    t('operator'), t('reasonKind'), t('moneyDong'), t('reversalOf'),
  ];
  const reverses = (a: ShiftAdjustment): string => {
    if (!a.isReversal || !a.reverses) return '';
    return `${spreadsheetDateTime(a.reverses.at, input.timeZone)} ${signedPoints(a.reverses)}`;
  };
  const rows = chronological(input.adjustments).map((a) => [
    ...mark,
    t(stateMessage(a.state)),
    spreadsheetDateTime(a.at, input.timeZone),
    a.member.id,
    a.member.name.trim(),
    a.member.phoneMasked,
    signedPoints(a),
    a.reason,
    a.refId,
    operator,
    t(reasonTotalMessage(reasonTotalKind(a))),
    a.moneyDong ?? '',
    reverses(a),
  ]);
  return toCsv([header, ...rows]);
}
