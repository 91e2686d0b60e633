// Where the token may go: https anywhere, http only on this machine's loopback; a development variable
// only on loopback.
import { describe, expect, it } from 'vitest';
import { addressProblem, apiAddress, isLoopbackHost } from '../../electron/haravan/address.ts';

describe('an API address', () => {
  it.each([
    ['https://apis.haravan.com', undefined],
    ['https://proxy.example.vn/haravan', undefined],
    ['http://127.0.0.1:4555', undefined],
    ['http://localhost:4555', undefined],
    ['http://[::1]:4555', undefined],
    ['http://apis.haravan.com', 'not_https'],
    ['http://192.168.1.10:8080', 'not_https'],
    ['ftp://apis.haravan.com', 'not_https'],
    ['https://user:secret@apis.haravan.com', 'credentials'],
    ['https://apis.haravan.com/?x=1', 'query'],
    ['https://apis.haravan.com/#x', 'query'],
    ['apis.haravan.com', 'not_a_url'],
    [`https://apis.haravan.com/${'a'.repeat(100_000)}`, 'too_long'],
  ])('%s → %s', (address, problem) => {
    expect(addressProblem(address)).toBe(problem);
  });

  it('knows loopback from a name that only looks like it', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.10.0.3')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
  });

  it('takes a development address only on loopback, never in place of the setting', () => {
    expect(apiAddress('', 'http://127.0.0.1:4555/')).toBe('http://127.0.0.1:4555');
    expect(apiAddress('', 'https://evil.example')).toBe('https://apis.haravan.com');
    expect(apiAddress('', 'http://evil.example')).toBe('https://apis.haravan.com');
    expect(apiAddress('https://proxy.example.vn/', 'http://127.0.0.1:4555')).toBe('https://proxy.example.vn');
    expect(apiAddress('', undefined)).toBe('https://apis.haravan.com');
  });
});
