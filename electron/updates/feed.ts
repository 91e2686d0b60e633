// The update feed as electron-builder's generic provider publishes it: a folder on a web server holding the
// installers and one `<channel>.yml` per channel (latest.yml, beta.yml; `-linux` is added on Linux, as
// electron-updater asks for it). Read here without Electron, so that "is there something newer" is decided
// and tested in Node; electron-updater then downloads and verifies what the same file names.

import { load } from 'js-yaml';
import { valid } from 'semver';
import { isLoopbackHost } from '../haravan/address.ts';

/**
 * The feed built into the app; electron-builder.yml's `publish.url` says the same (the build writes it into
 * app-update.yml, and the wiring test checks the two agree). A placeholder until the shop's update server
 * exists; a manager can point a till elsewhere in the settings (https only, feedAddressProblem).
 */
export const BUILT_IN_FEED_URL = 'https://updates.loyaltydesk.vn/loyalty-desk/';

export const CHANNELS = ['latest', 'beta'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One installer the feed offers, with the checksum electron-updater verifies the download against. */
export interface FeedFile {
  url: string;
  sha512: string;
  size?: number;
}

export interface Feed {
  version: string;
  files: FeedFile[];
  releaseDate?: string;
  releaseNotes?: string;
}

export type FeedProblem =
  /** The feed address is not https (http only on this machine), or not an address at all. */
  | 'bad_address'
  | 'unreachable'
  | 'timeout'
  /** The channel's file is not on the server: a wrong address, or the channel was never published. */
  | 'not_found'
  | 'http_error'
  /** A web page came back (a captive portal, a proxy's login page, a wrong address). */
  | 'html'
  | 'not_yaml'
  | 'not_a_feed'
  | 'bad_version'
  | 'no_files';

export type FeedRead = { ok: true; feed: Feed; url: string } | { ok: false; problem: FeedProblem; url: string; status?: number };

/** A feed file is a few hundred bytes; anything far larger is not one, and is not read whole. */
const MAX_FEED_BYTES = 256 * 1024;
export const FEED_TIMEOUT_MS = 15_000;

/** The channel file's name, as electron-updater's generic provider asks for it on this platform. */
export function channelFile(channel: Channel, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  // Windows keeps the plain name for historical reasons (electron-updater's Provider.getChannelFilePrefix).
  if (platform === 'linux') return `${channel}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  if (platform === 'darwin') return `${channel}-mac.yml`;
  return `${channel}.yml`;
}

/**
 * Why an address cannot be a feed. The feed names the installer and its checksum, so whoever can change it
 * in transit can install anything: https only, except on loopback (tests, a developer's server).
 */
export function feedAddressProblem(address: string): 'bad_address' | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'bad_address';
  }
  if (url.username !== '' || url.password !== '') return 'bad_address';
  if (url.protocol === 'https:') return undefined;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? undefined : 'bad_address';
}

/** The channel file's address under the feed folder (a missing trailing slash is added, as electron-updater does). */
export function channelUrl(feedUrl: string, channel: Channel, platform?: NodeJS.Platform, arch?: string): string {
  const base = new URL(feedUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(channelFile(channel, platform, arch), base).href;
}

/** A channel file's text as a Feed, or what is wrong with it. */
export function parseFeed(text: string): { ok: true; feed: Feed } | { ok: false; problem: FeedProblem } {
  if (/^\s*</.test(text)) return { ok: false, problem: 'html' };
  let data: unknown;
  try {
    data = load(text);
  } catch {
    return { ok: false, problem: 'not_yaml' };
  }
  if (!isRecord(data) || data['version'] === undefined) return { ok: false, problem: 'not_a_feed' };
  // YAML reads `version: 1.2` as a number: only a string can be a version.
  const version = typeof data['version'] === 'string' ? valid(data['version']) : null;
  if (!version) return { ok: false, problem: 'bad_version' };
  const files = feedFiles(data);
  if (files.length === 0) return { ok: false, problem: 'no_files' };
  const feed: Feed = { version, files };
  // Unquoted dates are read by YAML as Dates; electron-builder quotes them, a hand-written feed may not.
  const releaseDate = data['releaseDate'];
  if (typeof releaseDate === 'string') feed.releaseDate = releaseDate;
  else if (releaseDate instanceof Date && !Number.isNaN(releaseDate.getTime())) feed.releaseDate = releaseDate.toISOString();
  if (typeof data['releaseNotes'] === 'string') feed.releaseNotes = data['releaseNotes'];
  return { ok: true, feed };
}

/** Files with an address and a checksum; electron-builder's older single-file form (`path`, `sha512`) too. */
function feedFiles(data: Record<string, unknown>): FeedFile[] {
  const listed = Array.isArray(data['files']) ? data['files'] : [{ url: data['path'], sha512: data['sha512'] }];
  const files: FeedFile[] = [];
  for (const entry of listed) {
    if (!isRecord(entry) || typeof entry['url'] !== 'string' || entry['url'] === '' || typeof entry['sha512'] !== 'string' || entry['sha512'] === '') continue;
    const file: FeedFile = { url: entry['url'], sha512: entry['sha512'] };
    if (typeof entry['size'] === 'number') file.size = entry['size'];
    files.push(file);
  }
  return files;
}

export interface FetchFeedOptions {
  platform?: NodeJS.Platform;
  arch?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** Reads a channel's file from the feed over HTTP: never throws, every failure is a FeedProblem. */
export async function fetchFeed(feedUrl: string, channel: Channel, options: FetchFeedOptions = {}): Promise<FeedRead> {
  if (feedAddressProblem(feedUrl)) return { ok: false, problem: 'bad_address', url: feedUrl };
  const url = channelUrl(feedUrl, channel, options.platform, options.arch);
  const request = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await request(url, {
      // A proxy's cached copy would hide a release for hours.
      headers: { 'cache-control': 'no-cache', accept: 'application/x-yaml, text/yaml, text/plain;q=0.9, */*;q=0.1' },
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? FEED_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, problem: isTimeout(error) ? 'timeout' : 'unreachable', url };
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { ok: false, problem: 'not_found', url, status: 404 };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, problem: 'http_error', url, status: response.status };
  }
  if ((response.headers.get('content-type') ?? '').toLowerCase().includes('text/html')) {
    await response.body?.cancel();
    return { ok: false, problem: 'html', url, status: response.status };
  }
  let text: string;
  try {
    text = await limitedText(response, MAX_FEED_BYTES);
  } catch (error) {
    return { ok: false, problem: isTimeout(error) ? 'timeout' : 'unreachable', url };
  }
  const parsed = parseFeed(text);
  return parsed.ok ? { ok: true, feed: parsed.feed, url } : { ok: false, problem: parsed.problem, url, status: response.status };
}

/** The body as text, cut at `limit` bytes (a cut file fails to parse, which is the right answer). */
async function limitedText(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
