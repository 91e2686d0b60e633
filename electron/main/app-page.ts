// Which page is the app's own: the built renderer on the app's scheme (app-files.ts), or in development
// the Vite dev server. Navigation guards and the IPC sender check both ask this one question, so they
// cannot disagree.

import { APP_URL, isAppPageUrl } from './app-files.ts';

export type AppPage = { kind: 'scheme'; url: string; rendererDir: string } | { kind: 'dev-server'; url: string };

export interface AppPageOptions {
  /** Absolute path of the built dist/renderer folder. */
  rendererDir: string;
  /** VITE_DEV_SERVER_URL, set by the development script. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
}

export function resolveAppPage(options: AppPageOptions): AppPage {
  // A packaged app ignores the variable: anyone who can set it would otherwise get the preload API
  // handed to a page of their choosing.
  const devServer = options.isPackaged ? undefined : httpUrl(options.devServerUrl);
  if (devServer) return { kind: 'dev-server', url: devServer.href };
  return { kind: 'scheme', url: APP_URL, rendererDir: options.rendererDir };
}

/** True for the app's page itself (any query or fragment), false for every other URL. */
export function isAppPage(page: AppPage, candidate: string): boolean {
  if (page.kind === 'scheme') return isAppPageUrl(candidate);
  const url = parsed(candidate);
  return url !== undefined && url.origin === new URL(page.url).origin;
}

function httpUrl(value: string | undefined): URL | undefined {
  const url = value ? parsed(value) : undefined;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

function parsed(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
