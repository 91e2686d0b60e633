// The log as written to disk: real files in a temporary folder, read back. The token and full phone numbers
// go in through every door (messages, fields, nested objects, errors, stacks, causes, URLs, headers) and
// must not come out in any file, rotated ones included.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileLog } from '../../../electron/logging/log.ts';
import { maskPhones, redactText } from '../../../electron/logging/redact.ts';
import { randomToken } from '../../../electron/sandbox/tokens.ts';

const root = mkdtempSync(join(tmpdir(), 'loyalty-desk-logs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => join(root, `log-${(folders += 1)}`);

/** A sandbox-shaped token (hex) and one of another shape that only the desk's list of secrets can catch. */
const HEX_TOKEN = randomToken();
const ODD_TOKEN = 'hv_pr!v.Tk-9zQ~w';
const PHONES = {
  plain: '0909977921',
  grouped: '0909 977 921',
  dotted: '0909.977.921',
  plus: '+84909977921',
  country: '84909977921',
  legacy: '01689977921',
  landline: '024 3825 1234',
};
/** What must not be in any written line: each phone as written, and its bare digits. */
const FORBIDDEN = [HEX_TOKEN, ODD_TOKEN, encodeURIComponent(ODD_TOKEN), ...Object.values(PHONES), '909977921', '1689977921', '2438251234'];

function readAll(files: string[]): string {
  return files.filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8')).join('\n');
}

function expectClean(text: string): void {
  // Separators dropped too, so "0909-977-921" or a phone split across fields still counts as found.
  const compact = text.replace(/[ .\-]/g, '');
  for (const secret of FORBIDDEN) {
    expect(text.includes(secret), `the log holds ${secret}`).toBe(false);
    if (/^\+?\d[\d ]*$/.test(secret)) expect(compact.includes(secret.replace(/\D/g, '')), `the log holds the digits of ${secret}`).toBe(false);
  }
}

describe('what the log writes', () => {
  it('never writes the token or a full phone, from messages, fields, nested objects, errors or stacks', () => {
    const log = createFileLog({ dir: folder(), secrets: () => [ODD_TOKEN] });
    const cause = new Error(`token ${ODD_TOKEN} refused for ${PHONES.plus}`);
    const error = new Error(`lookup ${PHONES.grouped} failed with Bearer ${HEX_TOKEN}`, { cause });
    Object.assign(error, { request: { headers: { authorization: `Bearer ${ODD_TOKEN}`, 'x-request-phone': PHONES.dotted } } });

    log.info('client.request', { method: 'GET', url: `https://apis.haravan.com/com/customers.json?phone=${encodeURIComponent(PHONES.plus)}&access_token=${ODD_TOKEN}`, status: 200, ms: 183 });
    log.info(`lookup for ${PHONES.plain}`, { query: PHONES.country, member: { id: 360101, phone: PHONES.legacy, name: 'Nguyễn Văn An', notes: [`gọi ${PHONES.landline}`, { nested: { deeper: { phone: '909977921' } } }] } });
    log.warn('journal.state', { id: '84093817-1234-4678-9abc-def012345678', from: 'sending', to: 'uncertain', detail: `refused: ${ODD_TOKEN}` });
    log.error('client.error', { error, token: HEX_TOKEN, settings: { managerPin: 'ab12:cd34', seal: 'f'.repeat(64), tokenMissing: false } });
    log.error('print.failed', { error: new TypeError(`printer said ${encodeURIComponent(ODD_TOKEN)}`), map: new Map([['phone', PHONES.plain]]) });

    const written = readAll(log.files());
    expectClean(written);
    // The lines are there, useful and masked, not dropped.
    expect(written.split('\n').filter(Boolean)).toHaveLength(5);
    expect(written).toMatch(/\[info\] +client\.request \{"method":"GET"/);
    expect(written).toContain('"status":200');
    expect(written).toContain('lookup for 0909 *** 921');
    expect(written).toContain('"phone":"0389 *** 921"');
    expect(written).toContain('Nguyễn Văn An');
    expect(written).toContain('024 **** 1234');
    // The journal's ids stay whole: support looks entries up by them.
    expect(written).toContain('84093817-1234-4678-9abc-def012345678');
    expect(written).toContain('"tokenMissing":false');
    expect(written).toContain('"managerPin":"[secret]"');
    expect(written).toContain('Bearer [token]');
    // The error's stack and cause are kept, redacted.
    expect(written).toMatch(/"stack":"Error: lookup 0909 \*\*\* 921 failed with Bearer \[token\]\\n\s+at /);
    expect(written).toContain('"cause":{"name":"Error","message":"token [token] refused for 0909 *** 921"');
  });

  it('blanks a token connected after the log was opened, as soon as the desk knows it', () => {
    const secrets: string[] = [];
    const log = createFileLog({ dir: folder(), secrets: () => secrets });
    secrets.push(ODD_TOKEN);
    log.info('connection.connected', { note: `with ${ODD_TOKEN}` });
    const written = readAll(log.files());
    expectClean(written);
    expect(written).toContain('"note":"with [token]"');
  });

  it('rotates at the size limit, keeps the number of files asked for, and every file stays clean', () => {
    const dir = folder();
    const log = createFileLog({ dir, maxBytes: 4000, keep: 2, secrets: () => [ODD_TOKEN] });
    for (let index = 0; index < 200; index += 1) log.info('sync.page', { index, phone: PHONES.plain, detail: `page ${index} for ${ODD_TOKEN} ${'x'.repeat(40)}` });

    const [current, first, second] = log.files();
    for (const file of [current!, first!, second!]) expect(existsSync(file), file).toBe(true);
    expect(existsSync(join(dir, 'main.3.log'))).toBe(false);
    // A file grows past the limit by at most one line before it is rotated.
    for (const file of [first!, second!]) expect(statSync(file).size).toBeLessThan(4000 + 200);
    expect(statSync(first!).size).toBeGreaterThan(3500);
    const all = readAll(log.files());
    expectClean(all);
    // The newest lines are in the current file, the oldest are gone, and no line was cut in two.
    expect(readFileSync(current!, 'utf8')).toContain('"index":199');
    expect(all).not.toContain('"index":0,');
    for (const line of all.split('\n').filter(Boolean)) expect(line).toMatch(/^\[\d{4}-\d\d-\d\d [\d:.]+[+-]\d\d:\d\d\] \[info\] +sync\.page \{.*\}$/);
  });
});

describe('redaction', () => {
  it('masks phones in text and leaves dates, ids, amounts and versions alone', () => {
    expect(maskPhones('2024-05-01 0909 977 921 paid 1.000.000 ₫')).toBe('2024-05-01 0909 *** 921 paid 1.000.000 ₫');
    expect(maskPhones('call +84 909 977 921 or 028 3825 1234.')).toBe('call 0909 *** 921 or 028 **** 1234.');
    expect(maskPhones('phone=%2B84909977921&page=2')).toBe('phone=0909 *** 921&page=2');
    expect(maskPhones('entry 84093817-1234-4678-9abc-def012345678 v1.2.3-4 #1001 at 1732080000000')).toBe('entry 84093817-1234-4678-9abc-def012345678 v1.2.3-4 #1001 at 1732080000000');
    // Not a Vietnamese number: left as it is.
    expect(maskPhones('order 0123456789')).toBe('order 0123456789');
  });

  it('blanks the token in every written form, and token-shaped strings without being told', () => {
    expect(redactText(`a ${ODD_TOKEN} b ${encodeURIComponent(ODD_TOKEN)}`, [ODD_TOKEN])).toBe('a [token] b [token]');
    expect(redactText(`Authorization: Bearer ${ODD_TOKEN}`)).toBe('Authorization: Bearer [token]');
    expect(redactText(`got ${HEX_TOKEN}`)).toBe('got [token]');
    // Too short to be the desk's token: a blanked "1234" would blank half the log.
    expect(redactText('points 1234', ['1234'])).toBe('points 1234');
  });
});
