import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Clicks the button `testId` and saves the file the page downloads as `folder/name`; returns its path. */
export async function download(page: Page, folder: string, testId: string, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  const path = join(folder, name);
  await file.saveAs(path);
  return path;
}

/**
 * The page's CSV and the CLI's hold the same readouts, value for value, and the same provenance lines:
 * counts and text exactly; real numbers to 1e-12 relative, because Chromium's and Node's JavaScript engines
 * may round a library function (Math.log, Math.exp) differently in the last binary digit (seen once in 682
 * rows: 0.9363732703594758 against 0.936373270359475). Returns the number of data rows (the header aside).
 */
export function expectSameCsv(pageCsv: string, cliCsv: string): number {
  const rows = (text: string) => text.split('\n').filter((line) => !line.startsWith('#'));
  const [pageRows, cliRows] = [rows(pageCsv), rows(cliCsv)];
  expect(pageRows.length).toBe(cliRows.length);
  pageRows.forEach((row, i) => {
    const [a, b] = [row.split(','), cliRows[i].split(',')];
    expect(a.length, `row ${i}`).toBe(b.length);
    a.forEach((cell, j) => {
      const [x, y] = [Number(cell), Number(b[j])];
      if (cell === b[j] || !Number.isFinite(x) || !Number.isFinite(y) || Number.isInteger(x)) expect(cell, `row ${i}, column ${j}`).toBe(b[j]);
      else expect(Math.abs(x - y), `row ${i}, column ${j}: ${cell} vs ${b[j]}`).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(x), Math.abs(y)));
    });
  });
  const provenance = (text: string) => text.split('\n').filter((line) => line.startsWith('#'));
  expect(provenance(pageCsv)).toEqual(provenance(cliCsv));
  return pageRows.filter((row) => row !== '').length - 1;
}
