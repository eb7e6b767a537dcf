import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations, textMutationsOf } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { xlsxParts, xlsxRecipe, zipParts } from './support/seeds/xlsx.ts';

// Excel workbooks: built part by part so the sheet XML itself can be broken (shared strings
// cut short or missing, formulas, error cells, references past column XFD, DOCTYPEs), then
// damaged at the byte level too; and a workbook written by exceljs (the project's fixture).
const written = readFileSync(new URL('#tests/fixtures/imports/acme-update-2028.xlsx', import.meta.url));

const generated = fc.record({ recipe: xlsxRecipe, partDamage: textMutationsOf(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/styles.xml']) })
  .map(({ recipe, partDamage }) => {
    const parts: Record<string, string | Uint8Array> = xlsxParts(recipe);
    for (const damage of partDamage) if (parts[damage.part] !== undefined) parts[damage.part] = applyByteMutations(Buffer.from(parts[damage.part]!), damage.mutations);
    return zipParts(parts);
  });
// The written workbook is named, not inlined, so a counterexample prints short.
const seed = fc.oneof({ weight: 5, arbitrary: generated.map((zip) => ({ zip })) }, { weight: 1, arbitrary: fc.constant({ zip: 'acme-update-2028.xlsx' as const }) });

test('fuzz: XLSX price lists end parsed or in a located error', async () => {
  const runs = 400;
  const stats = await fuzzParser({
    label: 'xlsx',
    runs,
    arbitrary: fc.record({ seed, mutations: byteMutations(2), live: fc.boolean() }),
    toCase: ({ seed: { zip }, mutations, live }) => {
      const { bytes, boundaries } = typeof zip === 'string' ? { bytes: written, boundaries: [] } : zip;
      return { target: 'supplier-upload', bytes: applyByteMutations(bytes, mutations, boundaries), name: 'prices.xlsx', live, currency: 'EUR' };
    },
  });
  expect(stats.files).toBeGreaterThanOrEqual(runs * FUZZ_SCALE);
}, FUZZ_TEST_MS);
