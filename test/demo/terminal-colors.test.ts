import { describe, expect, it } from 'vitest';

import {
  mixColors,
  paletteColor,
  XTERM_JS_THEME,
} from '../../scripts/demo/terminal-colors.js';

describe('paletteColor', () => {
  it('takes the first 16 colours from the theme', () => {
    expect(paletteColor(1, XTERM_JS_THEME)).toBe(0xcc0000);
    expect(paletteColor(15, XTERM_JS_THEME)).toBe(0xeeeeec);
  });

  it('maps 16 to 231 onto the 6×6×6 cube', () => {
    expect(paletteColor(16, XTERM_JS_THEME)).toBe(0x000000);
    expect(paletteColor(196, XTERM_JS_THEME)).toBe(0xff0000);
    expect(paletteColor(208, XTERM_JS_THEME)).toBe(0xff8700);
    expect(paletteColor(231, XTERM_JS_THEME)).toBe(0xffffff);
  });

  it('maps 232 to 255 onto the grey ramp', () => {
    expect(paletteColor(232, XTERM_JS_THEME)).toBe(0x080808);
    expect(paletteColor(255, XTERM_JS_THEME)).toBe(0xeeeeee);
  });
});

describe('mixColors', () => {
  it('mixes each channel by the share', () => {
    expect(mixColors(0x000000, 0xc8641e, 0)).toBe(0x000000);
    expect(mixColors(0x000000, 0xc8641e, 0.5)).toBe(0x64320f);
    expect(mixColors(0x000000, 0xc8641e, 1)).toBe(0xc8641e);
  });
});
