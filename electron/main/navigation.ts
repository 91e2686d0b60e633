// Keeps every webContents on the app's page: no navigating or redirecting away, no new windows, no
// <webview>. Applied through `web-contents-created`, so it also covers contents created later.

import type { App, WebContents } from 'electron';

export function guardAllWebContents(app: App, isOwnPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isOwnPage));
}

export function guardWebContents(contents: WebContents, isOwnPage: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => {
    if (!isOwnPage(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnPage(event.url)) event.preventDefault();
  });
  // The app has no links to open: every window.open and target=_blank is refused.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
