const TABLES: Record<string, string> = { csv: 'CSV', xlsx: 'Excel workbook', zip: 'ZIP with images' };

/**
 * A revision's format (revisions.format, as the readers name it) in words for the supplier:
 * "bmecat-2005-update-prices" → "BMEcat 2005 price update (T_UPDATE_PRICES)". Undefined for a
 * name this module did not give.
 */
export function formatLabel(format: string): string | undefined {
  const bmecat = /^bmecat-([\d.]+|unknown)(-update-prices|-update-products)?$/.exec(format);
  if (bmecat) {
    const version = bmecat[1] === 'unknown' ? '' : ` ${bmecat[1]}`;
    if (bmecat[2] === '-update-prices') return `BMEcat${version} price update (T_UPDATE_PRICES)`;
    if (bmecat[2] === '-update-products') return `BMEcat${version} product update (T_UPDATE_PRODUCTS)`;
    return `BMEcat${version} catalog`;
  }
  if (format === 'cif-3.0') return 'Ariba CIF 3.0, full load';
  if (format === 'cif-3.0-incremental') return 'Ariba CIF 3.0, incremental load';
  const priceUpdate = /^price-update-(csv|xlsx|zip)$/.exec(format);
  if (priceUpdate) return `price update: ${TABLES[priceUpdate[1]!]} with SKUs and prices only`;
  return undefined;
}
