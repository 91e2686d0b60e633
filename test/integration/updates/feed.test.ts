// The update decision against a real feed on 127.0.0.1: what the till reads from latest.yml and beta.yml,
// which versions it takes, and every way a feed can be wrong.

import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultChannel, isNewer, mayInstallNow } from '../../../electron/updates/decide.ts';
import { channelFile, channelUrl, fetchFeed, feedAddressProblem, parseFeed, type Channel } from '../../../electron/updates/feed.ts';
import { channelYaml, startFeedServer, type FeedServer } from './feed-server.ts';

let feed: FeedServer;
// The till's own platform, Windows: the channel files carry no platform suffix there.
const WIN = { platform: 'win32' as const, arch: 'x64' };

beforeAll(async () => {
  feed = await startFeedServer();
});
afterAll(() => feed.close());
afterEach(() => feed.clear());

/** What a till on `current` concludes from the feed as served now. */
async function decide(current: string, channel: Channel) {
  const read = await fetchFeed(feed.url, channel, WIN);
  if (!read.ok) return { problem: read.problem };
  return isNewer(current, read.feed, channel);
}

describe('the stable channel (latest.yml)', () => {
  it('offers a newer version, and says why it does not offer an equal or older one', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    expect(await decide('1.1.9', 'latest')).toEqual({ newer: true, version: '1.2.0' });
    expect(await decide('1.2.0', 'latest')).toEqual({ newer: false, reason: 'same' });
    expect(await decide('1.3.0', 'latest')).toEqual({ newer: false, reason: 'older' });
    // Versions compare as versions, not as text.
    expect(await decide('1.10.0', 'latest')).toEqual({ newer: false, reason: 'older' });
    expect(feed.requests.every((path) => path === '/loyalty-desk/latest.yml')).toBe(true);
  });

  it('reads the feed as electron-builder writes it: files with checksums and the release date', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const read = await fetchFeed(feed.url, 'latest', WIN);
    expect(read).toMatchObject({
      ok: true,
      url: `${feed.url}latest.yml`,
      feed: { version: '1.2.0', releaseDate: '2025-11-20T08:00:00.000Z', files: [{ url: 'loyalty-desk-1.2.0-x64.exe', size: 91234567 }] },
    });
  });

  it('never offers a prerelease to a stable till, even one put in latest.yml', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.3.0-beta.1') });
    expect(await decide('1.2.0', 'latest')).toEqual({ newer: false, reason: 'other_channel' });
  });
});

describe('the beta channel (beta.yml)', () => {
  it('is read from its own file and offers betas and releases newer than the till’s version', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    feed.set('/loyalty-desk/beta.yml', { body: channelYaml('1.3.0-beta.2') });
    expect(await decide('1.2.0', 'beta')).toEqual({ newer: true, version: '1.3.0-beta.2' });
    expect(await decide('1.3.0-beta.1', 'beta')).toEqual({ newer: true, version: '1.3.0-beta.2' });
    expect(await decide('1.3.0-beta.2', 'beta')).toEqual({ newer: false, reason: 'same' });
    // The stable till, on the same feed, does not see the beta.
    expect(await decide('1.2.0', 'latest')).toEqual({ newer: false, reason: 'same' });
    expect(feed.requests).toContain('/loyalty-desk/beta.yml');
  });

  it('moves a beta till on to the release, and refuses another prerelease line', async () => {
    feed.set('/loyalty-desk/beta.yml', { body: channelYaml('1.3.0') });
    expect(await decide('1.3.0-beta.2', 'beta')).toEqual({ newer: true, version: '1.3.0' });
    feed.set('/loyalty-desk/beta.yml', { body: channelYaml('1.4.0-alpha.1') });
    expect(await decide('1.3.0', 'beta')).toEqual({ newer: false, reason: 'other_channel' });
  });
});

describe('a feed that is wrong', () => {
  it.each([
    ['not YAML at all', 'version: [1.2.0\nfiles: {', 'not_yaml'],
    ['YAML without a version', 'files:\n  - url: a.exe\n    sha512: abc\n', 'not_a_feed'],
    ['a bare string', 'hello', 'not_a_feed'],
    ['a version YAML reads as a number', 'version: 1.2\nfiles:\n  - url: a.exe\n    sha512: abc\n', 'bad_version'],
    ['a version that is not semver', "version: 'soon'\nfiles:\n  - url: a.exe\n    sha512: abc\n", 'bad_version'],
    ['files without checksums', 'version: 1.2.0\nfiles:\n  - url: a.exe\n', 'no_files'],
    ['HTML served as text', '<!doctype html><html><body>Sign in to the Wi-Fi</body></html>', 'html'],
  ])('is refused with its reason: %s', async (_name, body, problem) => {
    feed.set('/loyalty-desk/latest.yml', { body, type: 'text/plain' });
    expect(await fetchFeed(feed.url, 'latest', WIN)).toMatchObject({ ok: false, problem });
  });

  it('that answers an HTML page (a captive portal, a proxy) is not read as a feed', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: '<html><body>Please log in</body></html>', type: 'text/html; charset=utf-8' });
    expect(await fetchFeed(feed.url, 'latest', WIN)).toMatchObject({ ok: false, problem: 'html', status: 200 });
  });

  it('that 404s says the channel file is not there', async () => {
    expect(await fetchFeed(feed.url, 'beta', WIN)).toEqual({ ok: false, problem: 'not_found', url: `${feed.url}beta.yml`, status: 404 });
  });

  it('that fails on the server says so with its status', async () => {
    feed.set('/loyalty-desk/latest.yml', { status: 503, type: 'text/plain', body: 'Service Unavailable' });
    expect(await fetchFeed(feed.url, 'latest', WIN)).toMatchObject({ ok: false, problem: 'http_error', status: 503 });
  });

  it('that does not answer in time is a timeout, and one that is not there is unreachable', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0'), delayMs: 2000 });
    expect(await fetchFeed(feed.url, 'latest', { ...WIN, timeoutMs: 200 })).toMatchObject({ ok: false, problem: 'timeout' });
    const closedPort = await freePort();
    expect(await fetchFeed(`http://127.0.0.1:${closedPort}/`, 'latest', WIN)).toMatchObject({ ok: false, problem: 'unreachable' });
  });

  it('is never asked for over plain http away from this machine, nor with a password in its address', async () => {
    const before = feed.requests.length;
    expect(await fetchFeed('http://updates.example.vn/', 'latest', WIN)).toMatchObject({ ok: false, problem: 'bad_address' });
    expect(feedAddressProblem('https://user:secret@updates.example.vn/')).toBe('bad_address');
    expect(feedAddressProblem('not an address')).toBe('bad_address');
    expect(feedAddressProblem('https://updates.example.vn/loyalty-desk/')).toBeUndefined();
    expect(feed.requests.length).toBe(before);
  });
});

describe('channel files', () => {
  it('are named as electron-updater asks for them on each platform', () => {
    expect(channelFile('latest', 'win32', 'x64')).toBe('latest.yml');
    expect(channelFile('beta', 'win32', 'x64')).toBe('beta.yml');
    expect(channelFile('latest', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFile('beta', 'linux', 'arm64')).toBe('beta-linux-arm64.yml');
    expect(channelFile('latest', 'darwin', 'arm64')).toBe('latest-mac.yml');
    // The folder's address works with or without its trailing slash.
    expect(channelUrl('https://u.example.vn/desk', 'latest', 'win32')).toBe('https://u.example.vn/desk/latest.yml');
    expect(channelUrl('https://u.example.vn/desk/', 'latest', 'win32')).toBe('https://u.example.vn/desk/latest.yml');
  });

  it('are the beta one for a beta build and the stable one otherwise, until a manager chooses', () => {
    expect(defaultChannel('1.3.0-beta.2')).toBe('beta');
    expect(defaultChannel('1.3.0')).toBe('latest');
    expect(defaultChannel('1.3.0-alpha.1')).toBe('latest');
  });

  it('in the older single-file form are still read', () => {
    expect(parseFeed('version: 1.0.1\npath: a.exe\nsha512: abc\n')).toEqual({ ok: true, feed: { version: '1.0.1', files: [{ url: 'a.exe', sha512: 'abc' }] } });
  });
});

describe('may the till install now', () => {
  const idle = { shiftOpen: false, journalSending: 0, journalUncertain: 0 };

  it('refuses while a shift is open, an entry is sending or one is uncertain, naming each reason', () => {
    expect(mayInstallNow({ ...idle, shiftOpen: true })).toEqual({ ok: false, blockedBy: ['shift_open'] });
    expect(mayInstallNow({ ...idle, journalSending: 1 })).toEqual({ ok: false, blockedBy: ['journal_sending'] });
    expect(mayInstallNow({ ...idle, journalUncertain: 2 })).toEqual({ ok: false, blockedBy: ['journal_uncertain'] });
    expect(mayInstallNow({ shiftOpen: true, journalSending: 1, journalUncertain: 1 })).toEqual({ ok: false, blockedBy: ['shift_open', 'journal_sending', 'journal_uncertain'] });
  });

  it('refuses when the till’s state cannot be read, and allows once the shift is closed and the journal settled', () => {
    expect(mayInstallNow(undefined)).toEqual({ ok: false, blockedBy: ['state_unknown'] });
    expect(mayInstallNow(idle)).toEqual({ ok: true });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
