import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import MemberPicker from '../../renderer/src/MemberPicker.svelte';
import { memberProfile } from './fixtures.ts';

Element.prototype.scrollIntoView = () => {};

const mai = memberProfile({ id: 360102, first_name: 'Mai', last_name: 'Trần Thị', phoneMasked: '0903 *** 456', point_available: 4200 });
const bao = memberProfile({ id: 360103, first_name: 'Bảo', last_name: 'Trần Quốc', phoneMasked: '0903 *** 456', point_available: 350 });

function renderPicker() {
  const onchoose = vi.fn();
  const ontype = vi.fn();
  const view = render(MemberPicker, { members: [mai, bao], labelledby: 'nowhere', onchoose, ontype });
  return { ...view, onchoose, ontype, list: screen.getByRole('listbox') };
}

describe('the pick list', () => {
  it('shows name, masked phone, level and points, with the first member selected', () => {
    const { list } = renderPicker();
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    expect(list.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.textContent).toContain('Trần Thị Mai');
    expect(options[0]!.textContent).toContain('0903 *** 456');
    expect(options[0]!.textContent).toContain('Thành viên');
    expect(options[0]!.textContent).toContain('4.200 điểm');
  });

  it('moves with the arrows and opens with Enter', async () => {
    const { list, onchoose } = renderPicker();
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe('member-option-360103');
    await fireEvent.keyDown(list, { key: 'Enter' });
    expect(onchoose).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 360103 }));
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(list.getAttribute('aria-activedescendant')).toBe('member-option-360102');
  });

  it('opens a member on a tap', async () => {
    const { onchoose } = renderPicker();
    await fireEvent.click(screen.getByText('Trần Quốc Bảo'));
    expect(onchoose).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 360103 }));
  });

  it('hands a typed digit back to the search field (the next scan)', async () => {
    const { list, ontype } = renderPicker();
    await fireEvent.keyDown(list, { key: '0' });
    expect(ontype).toHaveBeenCalledExactlyOnceWith('0');
  });
});
