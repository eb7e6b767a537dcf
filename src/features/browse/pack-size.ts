/**
 * How many pieces one unit of an item holds, when the supplier says so: BMEcat's contents
 * ("100 pieces per pack"), a unit that is a count ("100 pieces"), or a pack's name or
 * description ("…, pack of 100", "Sold in packs of 100."). Null when it is not known or is 1.
 */
export function piecesPerUnit(item: { unit: string; name: string; description: string; attributes: Record<string, string> }): number | null {
  const contents = /^(\d{1,6}) (?:pieces?|pcs?)\b/i.exec(item.attributes['Contents'] ?? '');
  const countUnit = /^(\d{1,6}) (?:pieces?|pcs?)$/i.exec(item.unit.trim());
  const packed = /\b(?:pack|box|bag|carton)s? of (\d{1,6})\b/i;
  const named = /^(?:pack|box|bag|carton)/i.test(item.unit.trim()) ? (packed.exec(item.name) ?? packed.exec(item.description)) : null;
  const found = contents?.[1] ?? countUnit?.[1] ?? named?.[1];
  const n = found ? Number(found) : null;
  return n && n > 1 ? n : null;
}
