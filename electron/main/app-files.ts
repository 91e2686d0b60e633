// The app's page is served from a scheme of its own, loyalty-desk://app/, and never from file://, where
// 'self' in a Content Security Policy would cover every file on the disk. A URL of that scheme names a file
// of the built renderer folder or nothing: no "..", encoded or not, no other host, no file outside it.
// Free of Electron, so that Node tests prove the confinement; schemes.ts serves it.

import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'loyalty-desk';
const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The page's policy, sent with every file (the page repeats it in a meta tag for the browser harness). */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-src loyalty-print:; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** The app page itself (with any query or fragment), as the navigation guard and the IPC sender check ask. */
export function isAppPageUrl(candidate: string): boolean {
  const url = parsed(candidate);
  return url !== undefined && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.pathname === '/index.html';
}

/** The file inside `rendererDir` that `url` names, or undefined for anything else. */
export function appFileFor(rendererDir: string, url: string): string | undefined {
  const parsedUrl = parsed(url);
  if (!parsedUrl || parsedUrl.protocol !== `${APP_SCHEME}:` || parsedUrl.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsedUrl.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  return file.startsWith(root + sep) ? file : undefined;
}

function parsed(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
