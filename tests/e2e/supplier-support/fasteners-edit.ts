import { expect, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { waitForRevisionState } from './revision-state.ts';

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A catalog's live rows as its supplier downloads them from the catalog page (Vitrine's CSV layout). */
export interface LiveTable { header: string[]; rows: string[][]; col(name: string): number }

export async function downloadLiveCsv(supplier: Page, catalogName: string): Promise<LiveTable> {
  await supplier.goto('/supplier');
  await supplier.getByRole('link', { name: catalogName, exact: true }).click();
  const download = supplier.waitForEvent('download');
  await supplier.getByRole('link', { name: 'CSV', exact: true }).click();
  const text = await readFile((await (await download).path())!, 'utf8');
  const [header, ...rows] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
  return { header: header!, rows, col: (name) => header!.indexOf(name) };
}

export function tableCsv(table: LiveTable): Buffer {
  return Buffer.from([table.header, ...table.rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n');
}

/** Uploads a file on the catalog page the supplier is on, waits until it is checked, and returns the revision page's address. */
export async function uploadAndWait(supplier: Page, name: string, bytes: Buffer, state: string | RegExp = 'Ready to publish'): Promise<string> {
  await supplier.getByLabel('Price list file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  await supplier.getByRole('button', { name: 'Upload and check' }).click();
  await expect(supplier).toHaveURL(/\/supplier\/revisions\/\d+$/);
  await waitForRevisionState(supplier, state, 60_000);
  return supplier.url();
}

/** "12.34" → 1234 and back, for editing the price cells of a download. */
export const minorOfCell = (cell: string) => Math.round(Number(cell.replace(/^'/, '')) * 100);
export const cellOfMinor = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
