/** One basket line as it leaves for the procurement system, priced for the buyer at its quantity. */
export interface TransferLine {
  sku: string;
  /** The catalog's slug: SupplierPartAuxiliaryID, so an edit finds the catalog again. */
  catalogSlug: string;
  name: string;
  description: string;
  quantity: number;
  /** The buyer's net unit price at this quantity (breaks applied), in minor units. */
  unitNetMinor: number;
  currency: string;
  /** UN/ECE Rec 20 code of the item's unit. */
  unitCode: string;
  /** UNSPSC when the catalog has it, else the catalog's own category path. */
  classification: { domain: string; code: string };
  mpn: string | null;
  manufacturer: string | null;
  gtin: string | null;
  leadTimeDays: number | null;
}

/** Where a basket goes back to and what must travel with it. */
export interface TransferTarget {
  returnUrl: string;
  /** cXML: the BuyerCookie of the setup request. */
  buyerCookie: string | null;
  /** OCI: `~OkCode`, `~target`, `~caller` as received. */
  passBack: Record<string, string>;
}
