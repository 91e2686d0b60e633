import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryView } from '../../electron/ipc/contract.ts';
import { phaseText, progressBar, progressText, syncingNote } from '../../renderer/src/directory.ts';
import { locale } from '../../renderer/src/i18n.svelte.ts';

type Progress = DirectoryView['progress'];
const progress = (overrides: Partial<Progress> = {}): Progress => ({
  synced: 1250,
  total: 5000,
  totalIsEstimate: true,
  secondsRemaining: 190,
  membersPerSecond: 200,
  ...overrides,
});

afterEach(() => {
  locale.language = 'vi';
});

describe('the directory’s progress in words', () => {
  it('marks an estimated total with ≈ and says the time left', () => {
    expect(progressText(progress())).toBe('1.250/≈5.000 thành viên · còn khoảng 3 phút');
    locale.language = 'en';
    expect(progressText(progress())).toBe('1,250 of ≈5,000 members · about 3 minutes left');
  });

  it('says seconds under a minute, hours and minutes above an hour, nothing when unknown', () => {
    expect(progressText(progress({ secondsRemaining: 42 }))).toBe('1.250/≈5.000 thành viên · còn khoảng 42 giây');
    expect(progressText(progress({ secondsRemaining: 3900 }))).toBe('1.250/≈5.000 thành viên · còn khoảng 1 giờ 5 phút');
    expect(progressText(progress({ secondsRemaining: null }))).toBe('1.250/≈5.000 thành viên');
  });

  it('counts what it has while the total is unknown; the exact total has no ≈', () => {
    expect(progressText(progress({ total: null, secondsRemaining: null }))).toBe('Đã có 1.250 thành viên');
    expect(progressText(progress({ synced: 5003, total: 5003, totalIsEstimate: false, secondsRemaining: 0 }))).toBe('5.003/5.003 thành viên');
  });

  it('gives a bar a value and max once the total is known, and never past it', () => {
    expect(progressBar(progress())).toEqual({ value: 1250, max: 5000 });
    expect(progressBar(progress({ synced: 5100 }))).toEqual({ value: 5000, max: 5000 });
    expect(progressBar(progress({ total: null }))).toBeUndefined();
  });

  it('names the phase', () => {
    expect(phaseText({ phase: 'initial', complete: false })).toBe('Đang đồng bộ lần đầu');
    expect(phaseText({ phase: 'incremental', complete: true })).toBe('Đang cập nhật');
    expect(phaseText({ phase: 'idle', complete: true })).toBe('Đã cập nhật');
    expect(phaseText({ phase: 'idle', complete: false })).toBe('Đang chờ tiếp tục đồng bộ lần đầu');
  });

  it('explains a lookup that found nothing while the first sync runs', () => {
    const view = { size: 1250, complete: false, lastFullSync: null, lastIncrementalSync: null, phase: 'initial', progress: progress(), lastError: null } satisfies DirectoryView;
    expect(syncingNote(view)).toBe('Danh bạ thành viên đang đồng bộ (1.250/≈5.000) — thử lại sau hoặc tìm bằng số điện thoại.');
    expect(syncingNote({ ...view, progress: progress({ total: null }) })).toBe('Danh bạ thành viên đang đồng bộ (đã có 1.250 thành viên) — thử lại sau hoặc tìm bằng số điện thoại.');
    expect(syncingNote(undefined)).toBe('Danh bạ thành viên đang đồng bộ — thử lại sau hoặc tìm bằng số điện thoại.');
  });
});
