import { sharedData } from '#tests/support/shared-data.ts';
import { describe, expect, test } from 'vitest';
import { formatRole } from '#features/ingest/mapping/column-role.ts';
import { recognizeHeaders } from '#features/ingest/mapping/recognize-headers.ts';
import { openRowSource } from '#features/ingest/readers/row-source.server.ts';
import { validateRow, type ItemDraft } from '#features/ingest/checks/validate-row.ts';

// Real third-party files: the Magento 2 Luma sample catalog (github.com/magento/magento2-sample-data,
// OSL-3.0/AFL-3.0), read in place from the shared data folder and never copied into the project.
const sample = sharedData('magento2-sample-data');
const DIR = sample.path;

describe.skipIf(!sample.present)(`Magento 2 sample catalog ${sample.reason}`, () => {
  test('ConfigurableSampleData__products.csv: 1994 products, 70 columns, HTML descriptions over several lines', async () => {
    const source = await openRowSource(`${DIR}/ConfigurableSampleData__products.csv`, 'products.csv');
    try {
      expect(source).toMatchObject({ kind: 'csv', delimiter: ',', encoding: 'utf-8', headerRowNumber: 1 });
      expect(source.headers).toHaveLength(70);
      const mapping = recognizeHeaders(source.headers);
      const role = (header: string) => formatRole(mapping.columns.find((c) => c.header === header)!.role);
      expect(['sku', 'name', 'price', 'description', 'categories', 'base_image', 'qty', 'short_description'].map(role))
        .toEqual(['sku', 'name', 'price', 'description', 'category', 'image', 'attribute', 'attribute']);
      expect(mapping.missing).toEqual([]);

      const items: ItemDraft[] = [];
      let errors = 0;
      for await (const row of source.rows) {
        const result = validateRow(row.cells, mapping, 'USD', row.rowNumber);
        errors += result.problems.filter((p) => p.severity === 'error').length;
        if (result.item) items.push(result.item);
      }
      expect(errors).toBe(0);
      expect(items).toHaveLength(1994);
      expect(new Set(items.map((i) => i.sku)).size).toBe(1994);
      expect(items[0]).toMatchObject({ rowNumber: 2, sku: 'MH01-XS-Black', name: 'Chaz Kangeroo Hoodie-XS-Black', priceMinor: 5200, images: ['/m/h/mh01-black_main.jpg'] });
      expect(items[0]!.categoryPath).toBe('Default Category > Men > Tops > Hoodies & Sweatshirts');
      expect(items[0]!.attributes.additional_attributes).toContain('size=XS,color=Black');
      // Descriptions span lines, yet each product is one spreadsheet row: the last is row 1995 (1994 products under the header).
      expect(items.at(-1)!.rowNumber).toBe(1995);
    } finally {
      await source.cleanup();
    }
  });

  test.each(['bags', 'fitness_equipment', 'fitness_equipment_ball', 'fitness_equipment_strap', 'watches'])('SimpleProduct_products_gear_%s.csv reads without errors', async (name) => {
    const source = await openRowSource(`${DIR}/CatalogSampleData__SimpleProduct_products_gear_${name}.csv`, `${name}.csv`);
    try {
      const mapping = recognizeHeaders(source.headers);
      expect(mapping.missing).toEqual([]);
      let count = 0;
      for await (const row of source.rows) {
        const result = validateRow(row.cells, mapping, 'USD', row.rowNumber);
        expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(result.item?.priceMinor).toBeGreaterThan(0);
        count++;
      }
      expect(count).toBeGreaterThan(0);
    } finally {
      await source.cleanup();
    }
  });

  test('a categories file without SKU or price is reported as missing those columns', async () => {
    const source = await openRowSource(`${DIR}/CatalogSampleData__categories.csv`, 'categories.csv');
    await source.cleanup();
    expect(recognizeHeaders(source.headers).missing).toEqual(['sku', 'price']);
  });
});
