// The loyalty summary slip a cashier prints for one member: balances, card barcode and this visit's changes.

import type { MemberProfile } from '../ipc/contract.ts';
import type { Language } from '../settings/settings.ts';
import { signedPoints, stateMessage, type PrintedAdjustment } from './adjustments.ts';
import { code128Svg, canEncodeCode128 } from './code128.ts';
import { printDocument, row, type Printable } from './document.ts';
import { formatsFor, type Formats } from '../locale/formats.ts';
import { displayName, fullName } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { translatorFor, type Translate } from './messages.ts';
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

function adjustmentEntries(adjustments: readonly PrintedAdjustment[], { t, f }: Context): SafeHtml {
  return html`${adjustments.map(
    (a) => html`<div class="entry">
<div class="row"><span class="label">${a.reason}</span><span class="value strong">${f.signedPoints(signedPoints(a))}</span></div>
<div class="meta">${a.refId && html`${t('order')}: ${a.refId} · `}${t(stateMessage(a.state))}</div>
</div>`,
  )}`;
}

function adjustmentTable(adjustments: readonly PrintedAdjustment[], { t, f }: Context): SafeHtml {
  return html`<table>
<thead><tr>
<th class="w-40">${t('reason')}</th><th class="w-20">${t('order')}</th><th class="w-25">${t('status')}</th>
<th class="w-15 num">${t('points')}</th>
</tr></thead>
<tbody>${adjustments.map(
    (a) => html`<tr>
<td>${a.reason}</td><td>${a.refId}</td><td>${t(stateMessage(a.state))}</td>
<td class="num strong">${f.signedPoints(signedPoints(a))}</td>
</tr>`,
  )}</tbody>
</table>`;
}

function adjustmentsSection(adjustments: readonly PrintedAdjustment[], expected: boolean, context: Context): SafeHtml {
  const { t, paper } = context;
  const unsettled = adjustments.some((a) => a.state === 'waiting' || a.state === 'needs_review');
  const note = expected ? t('expectedIncludesWaiting') : unsettled ? t('balanceExcludesPending') : '';
  let list: SafeHtml;
  if (adjustments.length === 0) list = html`<p>${t('noAdjustmentsThisVisit')}</p>`;
  else list = isRoll(paper) ? adjustmentEntries(adjustments, context) : adjustmentTable(adjustments, context);
  return html`<section>
<h2>${t('thisVisit')}</h2>
${list}
${note && html`<p class="note">${note}</p>`}
</section>`;
}

export function renderSlip(input: SlipInput): Printable {
  const t = translatorFor(input.language);
  const f = formatsFor(input.language, input.timeZone);
  const context: Context = { t, f, paper: input.paper };
  const body = html`<header class="head">
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
