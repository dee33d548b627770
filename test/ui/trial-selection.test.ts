import { describe, expect, test } from 'vitest';
import {
  resolveSelection,
  stepSelection,
} from '../../source/ui/trial-selection.js';

const ranked = ['t03', 't01', 't02'];

describe('resolveSelection', () => {
  test('follows the best trial until one is picked', () => {
    expect(resolveSelection(ranked, null)).toBe('t03');
  });

  test('keeps the picked trial', () => {
    expect(resolveSelection(ranked, 't02')).toBe('t02');
  });

  test('falls back to the best for an unranked pick', () => {
    expect(resolveSelection(ranked, 't09')).toBe('t03');
  });

  test('selects nothing before a trial finished', () => {
    expect(resolveSelection([], null)).toBeNull();
  });
});

describe('stepSelection', () => {
  test('moves down and up the ranking', () => {
    expect(stepSelection(ranked, 't03', 1)).toBe('t01');
    expect(stepSelection(ranked, 't02', -1)).toBe('t01');
  });

  test('stops at both ends', () => {
    expect(stepSelection(ranked, 't03', -1)).toBe('t03');
    expect(stepSelection(ranked, 't02', 1)).toBe('t02');
  });

  test('steps from the best when nothing is picked', () => {
    expect(stepSelection(ranked, null, 1)).toBe('t01');
  });

  test('selects nothing before a trial finished', () => {
    expect(stepSelection([], null, 1)).toBeNull();
  });
});
