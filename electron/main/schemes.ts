// The app's two schemes: loyalty-desk:// for its page (app-files.ts) and loyalty-print:// for print
// previews (preview-protocol.ts). Electron honours one registerSchemesAsPrivileged call only, so both are
// registered here, together, before the app is ready.

import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_CSP, APP_SCHEME, appFileFor, contentTypeOf } from './app-files.ts';
import { PREVIEW_SCHEME } from './preview-protocol.ts';

export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // Standard and secure: a real origin ('self' means this app's files only), a secure context.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
    { scheme: PREVIEW_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** Serves the built renderer folder on loyalty-desk://app/, with the page's policy; 404 for anything else. */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? appFileFor(rendererDir, request.url) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': APP_CSP } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
