// Markup built only through the `html` tag: every interpolated value is escaped unless it is itself
// markup made by the tag, so a member called "<script>" prints as text and nothing can inject markup.

export class SafeHtml {
  readonly markup: string;
  constructor(markup: string) {
    this.markup = markup;
  }
}

/** What may appear inside `${…}`: `false`, `null` and `undefined` print nothing, so `${cond && html`…`}` works. */
export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[] | false | null | undefined;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === false || value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/** For text built from constants only, where escaping would corrupt it (the stylesheet); never for input. */
export function trustedMarkup(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
