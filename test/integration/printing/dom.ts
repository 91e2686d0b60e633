// Reading printed HTML back as a document, for tests running under vitest's jsdom environment.

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Visible text with every run of whitespace (Intl's no-break spaces included) as one plain space. */
export function textOf(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function field(doc: Document, name: string): string | undefined {
  const element = doc.querySelector(`[data-field="${name}"]`);
  return element ? textOf(element) : undefined;
}
