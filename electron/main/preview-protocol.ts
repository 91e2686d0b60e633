// Print previews reach the screen's preview frame through a scheme of the app's own: the document is
// served with its own policy (styles, no scripts), which an inline srcdoc frame could not have under the
// app page's strict CSP.

import { protocol } from 'electron';

export const PREVIEW_SCHEME = 'loyalty-print';
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export const previewUrl = (previewId: string) => `${PREVIEW_SCHEME}://preview/${previewId}`;

export function servePreviews(document: (previewId: string) => string | undefined): void {
  protocol.handle(PREVIEW_SCHEME, (request) => {
    const html = document(new URL(request.url).pathname.slice(1));
    if (html === undefined) return new Response('Not found', { status: 404 });
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PREVIEW_CSP } });
  });
}
