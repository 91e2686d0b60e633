// The loyalty summary slip a cashier prints for one member: balances, card barcode and this visit's changes.

import type { MemberProfile } from '../ipc/contract.ts';
import type { Language } from '../settings/settings.ts';
import { isPaidRedemption, moneyLine, signedPoints, stateMessage, type PrintedAdjustment } from './adjustments.ts';
import { code128Svg, canEncodeCode128 } from './code128.ts';
import { printDocument, row, type Printable } from './document.ts';
import { formatsFor, type Formats } from '../locale/formats.ts';
import { displayName, fullName, moneyText } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { filled, translatorFor, type Translate } from './messages.ts';
import { isRoll, paperSpec, type Paper } from './paper.ts';

/** The fields of a member the slip prints; a `MemberProfile` from the contract fits as is. */
export type SlipMember = Pick<
  MemberProfile,
  | 'first_name'
  | 'last_name'
  | 'phoneMasked'
  | 'profile_card_number'
  | 'level_name'
  | 'point_available'
  | 'point_incoming'
  | 'point_used'
  | 'total_spent'
>;

export interface SlipInput {
  language: Language;
  /** The store's IANA zone (settings.timeZone); times are printed in it. */
  timeZone: string;
  printedAt: Date;
  /** `name` from settings.storeName; `footer` a free text ("" for none), line breaks kept. */
  store: { name: string; footer: string };
  member: SlipMember;
  /** This visit's adjustments from the journal, oldest first. */
  adjustments: readonly PrintedAdjustment[];
  paper: Paper;
  /**
   * The balance the screen shows once this member's changes still waiting are sent (the directory's plus
   * them); undefined when nothing waits. Printed as expected, as the screen marks it.
   */
  expectedBalance?: number | undefined;
  /** Printed in Training mode: marked so on paper as on screen. */
  training?: boolean;
  /**
   * Set when this is the same slip printed again: `firstPrintedAt` is the time the first print carries (its
   * `printedAt`), said in a mark at the top; `printedAt` is then the time of the reprint.
   */
  reprint?: { firstPrintedAt: Date } | undefined;
}

interface Context {
  t: Translate;
  f: Formats;
  paper: Paper;
}

function memberSection(member: SlipMember, expected: number | undefined, { t, f }: Context): SafeHtml {
  const card = member.profile_card_number?.trim() ?? '';
  const name = fullName(member);
  return html`<section class="facts">
<p class="name" data-field="name">${displayName(name, member.phoneMasked, t)}</p>
${name && member.phoneMasked && row(t('phone'), member.phoneMasked, 'phone', { text: true })}
${card && row(t('cardNumber'), card, 'card', { text: true })}
${member.level_name && row(t('level'), member.level_name, 'level', { text: true })}
${card && canEncodeCode128(card) && html`<div class="barcode-box">${code128Svg(card)}<div class="card-text">${card}</div></div>`}
</section>
<section class="facts">
${expected === undefined
  ? row(t('pointsAvailable'), f.points(member.point_available), 'point_available')
  : row(t('pointsAvailableExpected'), f.points(expected), 'point_available')}
${row(t('pointsPending'), f.points(member.point_incoming), 'point_incoming')}
${row(t('pointsUsed'), f.points(member.point_used), 'point_used')}
${row(t('totalSpent'), f.dong(member.total_spent), 'total_spent')}
</section>`;
}

function adjustmentEntries(adjustments: readonly PrintedAdjustment[], context: Context): SafeHtml {
  const { t, f } = context;
  return html`${adjustments.map((a) => {
    const money = moneyText(a, t, f);
    return html`<div class="entry"${a.isReversal ? html` data-reversal="true"` : ''}>
<div class="row"><span class="label">${a.reason}</span><span class="value strong">${f.signedPoints(signedPoints(a))}</span></div>
${money && html`<div class="money" data-field="money">${money}</div>`}
<div class="meta">${a.isReversal && html`<span class="tag" data-field="reversal">${t('reversal')}</span> · `}${a.refId && html`${t('order')}: ${a.refId} · `}${t(stateMessage(a.state))}</div>
</div>`;
  })}`;
}

function adjustmentTable(adjustments: readonly PrintedAdjustment[], context: Context): SafeHtml {
  const { t, f } = context;
  return html`<table>
<thead><tr>
<th class="w-36">${t('reason')}</th><th class="w-16">${t('order')}</th><th class="w-18">${t('status')}</th>
<th class="w-15 money">${t('money')}</th><th class="w-15 num">${t('points')}</th>
</tr></thead>
<tbody>${adjustments.map((a) => {
    const money = moneyText(a, t, f);
    return html`<tr${a.isReversal ? html` data-reversal="true"` : ''}>
<td>${a.isReversal && html`<span class="tag" data-field="reversal">${t('reversal')}</span> · `}${a.reason}</td><td>${a.refId}</td><td>${t(stateMessage(a.state))}</td>
<td class="money"${money ? html` data-field="money"` : ''}>${money}</td><td class="num strong">${f.signedPoints(signedPoints(a))}</td>
</tr>`;
  })}</tbody>
</table>`;
}

/**
 * What this visit's redemptions took off in money: those applied or waiting to be sent (not refused, nor in
 * doubt). A reversal of one is not taken off here: it is its own line in the list above.
 */
export function redeemedThisVisit(adjustments: readonly PrintedAdjustment[]): { points: number; dong: number } {
  const counted = adjustments.filter((a) => isPaidRedemption(a) && (a.state === 'applied' || a.state === 'waiting'));
  return {
    points: counted.reduce((sum, a) => sum + a.points, 0),
    dong: counted.reduce((sum, a) => sum + (moneyLine(a)?.dong ?? 0), 0),
  };
}

function adjustmentsSection(adjustments: readonly PrintedAdjustment[], expected: boolean, context: Context): SafeHtml {
  const { t, paper } = context;
  const unsettled = adjustments.some((a) => a.state === 'waiting' || a.state === 'needs_review');
  const note = expected ? t('expectedIncludesWaiting') : unsettled ? t('balanceExcludesPending') : '';
  let list: SafeHtml;
  if (adjustments.length === 0) list = html`<p>${t('noAdjustmentsThisVisit')}</p>`;
  else list = isRoll(paper) ? adjustmentEntries(adjustments, context) : adjustmentTable(adjustments, context);
  const redeemed = redeemedThisVisit(adjustments);
  const redeemedText =
    redeemed.dong > 0 && filled(t('redeemedThisVisit'), { points: context.f.points(redeemed.points), money: context.f.dong(redeemed.dong) });
  return html`<section>
<h2>${t('thisVisit')}</h2>
${list}
${redeemedText && html`<p class="redeemed strong" data-field="redeemed_this_visit">${redeemedText}</p>`}
${note && html`<p class="note">${note}</p>`}
</section>`;
}

export function renderSlip(input: SlipInput): Printable {
  const t = translatorFor(input.language);
  const f = formatsFor(input.language, input.timeZone);
  const context: Context = { t, f, paper: input.paper };
  const reprint = input.reprint && filled(t('reprintMark'), { time: f.dateTime(input.reprint.firstPrintedAt) });
  const body = html`${reprint && html`<p class="reprint-mark" data-field="reprint">${reprint}</p>`}
<header class="head">
${input.store.name && html`<h1 class="store">${input.store.name}</h1>`}
<p class="title">${t('slipTitle')}</p>
<p class="meta">${t('printedAt')}: <span data-field="printed_at">${f.dateTime(input.printedAt)}</span></p>
</header>
${memberSection(input.member, input.expectedBalance, context)}
${adjustmentsSection(input.adjustments, input.expectedBalance !== undefined, context)}
${input.store.footer.trim() && html`<p class="footer">${input.store.footer.trim()}</p>`}`;
  return {
    html: printDocument({ language: input.language, title: t('slipTitle'), paper: input.paper, body, trainingMark: input.training ? t('trainingMark') : undefined }),
    paper: paperSpec(input.paper),
  };
}
