// The end-of-shift report for one till: every adjustment of the shift grouped by where it stands, the
// totals a manager reconciles against the store, and the same list as CSV.

import type { Language } from '../settings/settings.ts';
import { signedPoints, stateMessage, STATE_ORDER, type AdjustmentState, type PrintedAdjustment } from './adjustments.ts';
import { toCsv } from '../export/csv.ts';
import { printDocument, row, type Printable } from './document.ts';
import { formatsFor, type Formats } from '../locale/formats.ts';
import { displayName, spreadsheetDateTime } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { translatorFor, type Translate } from './messages.ts';
import { isRoll, paperSpec, type Paper } from './paper.ts';

export interface ShiftMember {
  id: number;
  /** As shown on the card, family name first ("" when the member has none): the journal's `memberName`. */
  name: string;
  /** Already masked ("0909 *** 921"), as `MemberProfile.phoneMasked`; "" when none. */
  phoneMasked: string;
}

export interface ShiftAdjustment extends PrintedAdjustment {
  /** When the cashier made it. */
  at: Date;
  member: ShiftMember;
}

export interface ShiftReportInput {
  language: Language;
  /** The store's IANA zone (settings.timeZone); times are printed in it. */
  timeZone: string;
  printedAt: Date;
  store: { name: string };
  till: string;
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
}

export interface ShiftTotals {
  byState: Record<AdjustmentState, PointTotals>;
  /** Distinct members with at least one adjustment this shift, whatever became of it. */
  membersServed: number;
}

export function shiftTotals(adjustments: readonly ShiftAdjustment[]): ShiftTotals {
  const empty = (): PointTotals => ({ added: 0, redeemed: 0, count: 0 });
  const byState: Record<AdjustmentState, PointTotals> = { applied: empty(), waiting: empty(), needs_review: empty(), rejected: empty() };
  for (const a of adjustments) {
    const totals = byState[a.state];
    if (a.direction === 'add') totals.added += a.points;
    else totals.redeemed += a.points;
    totals.count += 1;
  }
  return { byState, membersServed: new Set(adjustments.map((a) => a.member.id)).size };
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
${row(t('pointsRedeemed'), f.signedPoints(-totals.redeemed), `${state}.redeemed`, { indent: true })}`;
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

function entries(adjustments: readonly ShiftAdjustment[], { t, f }: Context): SafeHtml {
  return html`${adjustments.map((a) => {
    const { name, phone } = who(a.member, t);
    return html`<div class="entry">
<div class="row"><span class="label">${f.time(a.at)} · ${name}</span><span class="value strong">${f.signedPoints(signedPoints(a))}</span></div>
${phone && html`<div class="meta">${phone}</div>`}
<div class="meta">${a.reason}${a.refId && html` · ${t('order')}: ${a.refId}`}</div>
</div>`;
  })}`;
}

function table(adjustments: readonly ShiftAdjustment[], { t, f }: Context): SafeHtml {
  return html`<table>
<thead><tr>
<th class="w-12">${t('time')}</th><th class="w-25">${t('member')}</th><th class="w-25">${t('reason')}</th>
<th class="w-23">${t('order')}</th><th class="w-15 num">${t('points')}</th>
</tr></thead>
<tbody>${adjustments.map((a) => {
    const { name, phone } = who(a.member, t);
    return html`<tr>
<td class="nowrap">${f.time(a.at)}</td><td>${name}${phone && html`<br><span class="meta">${phone}</span>`}</td>
<td>${a.reason}</td><td>${a.refId}</td><td class="num strong">${f.signedPoints(signedPoints(a))}</td>
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
  const body = html`<header class="head">
${input.store.name && html`<h1 class="store">${input.store.name}</h1>`}
<p class="title">${t('shiftTitle')}</p>
</header>
<section class="facts">
${row(t('till'), input.till, 'till', { text: true })}
${row(t('shiftOpened'), f.dateTime(input.shift.openedAt), 'opened_at')}
${row(t('shiftClosed'), f.dateTime(input.shift.closedAt), 'closed_at')}
${row(t('printedAt'), f.dateTime(input.printedAt), 'printed_at')}
</section>
${summary(shiftTotals(input.adjustments), context)}
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

/** The shift's adjustments, oldest first, one per line; points signed and without separators, for sums. */
/** In Training mode every row starts with the training mark, so that no sum of practice points passes for real. */
export function shiftReportCsv(input: Pick<ShiftReportInput, 'language' | 'timeZone' | 'adjustments' | 'training'>): string {
  const t = translatorFor(input.language);
  const mark = input.training ? [t('trainingMark')] : [];
  const header = [...(input.training ? [t('mode')] : []), t('status'), t('time'), t('memberId'), t('member'), t('phone'), t('points'), t('reason'), t('order')];
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
  ]);
  return toCsv([header, ...rows]);
}
