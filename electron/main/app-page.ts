// Which page is the app's own: the built renderer file, or in development the Vite dev server.
// Navigation guards and the IPC sender check both ask this one question, so they cannot disagree.

import { fileURLToPath, pathToFileURL } from 'node:url';

export type AppPage = { kind: 'file'; path: string; url: string } | { kind: 'dev-server'; url: string };

export interface AppPageOptions {
  /** Absolute path of the built dist/renderer/index.html. */
  rendererFile: string;
  /** VITE_DEV_SERVER_URL, set by the development script. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
}

export function resolveAppPage(options: AppPageOptions): AppPage {
  // A packaged app ignores the variable: anyone who can set it would otherwise get the preload API
  // handed to a page of their choosing.
  const devServer = options.isPackaged ? undefined : httpUrl(options.devServerUrl);
  if (devServer) return { kind: 'dev-server', url: devServer.href };
  return { kind: 'file', path: options.rendererFile, url: pathToFileURL(options.rendererFile).href };
}

/** True for the app's page itself (any query or fragment), false for every other URL. */
export function isAppPage(page: AppPage, candidate: string): boolean {
  const url = parsed(candidate);
  if (!url) return false;
  if (page.kind === 'dev-server') return url.origin === new URL(page.url).origin;
  if (url.protocol !== 'file:') return false;
  // Compared as paths, not URL text: Chromium and Node percent-encode some characters differently.
  const path = pathOf(url);
  return path !== undefined && samePath(path, page.path);
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

function pathOf(fileUrl: URL): string | undefined {
  try {
    return fileURLToPath(fileUrl);
  } catch {
    return undefined;
  }
}

function samePath(a: string, b: string): boolean {
  // Windows paths are case-insensitive, and Chromium may report the drive letter in either case.
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
