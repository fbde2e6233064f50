import { it, expect } from 'vitest';

it.only('runs alone', () => {
  expect(1 + 1).toBe(2);
});
