/** Fields a single column maps to by name. */
export type SimpleField =
  | 'sku' | 'name' | 'description' | 'price' | 'currency' | 'unit' | 'category'
  | 'gtin' | 'manufacturer' | 'mpn' | 'minOrderQty' | 'image';

/** Header names suppliers use, in English and German; compared after compactHeader(). */
export const FIELD_SYNONYMS: Record<SimpleField, readonly string[]> = {
  sku: [
    'SKU', 'article number', 'article no', 'art no', 'item number', 'item no', 'item code', 'item id',
    'part number', 'part no', 'product code', 'product number', 'product no', 'product id',
    'Artikelnummer', 'Art.-Nr.', 'Artikel-Nr', 'Artikelnr', 'Bestellnummer', 'Best.-Nr.', 'Materialnummer',
  ],
  name: [
    'name', 'title', 'product name', 'item name', 'article name', 'product title', 'short description',
    'Bezeichnung', 'Artikelbezeichnung', 'Produktbezeichnung', 'Produktname', 'Artikelname', 'Kurztext', 'Kurzbeschreibung',
  ],
  description: [
    'description', 'long description', 'product description', 'item description', 'details',
    'Beschreibung', 'Langtext', 'Langbeschreibung', 'Artikelbeschreibung', 'Produktbeschreibung',
  ],
  price: [
    'price', 'unit price', 'net price', 'list price', 'sales price', 'selling price', 'price net',
    'Preis', 'Nettopreis', 'Listenpreis', 'VK', 'VK-Preis', 'Verkaufspreis', 'Einzelpreis', 'Stückpreis', 'Preis netto',
  ],
  currency: ['currency', 'currency code', 'Währung', 'Währungscode'],
  unit: ['unit', 'UOM', 'unit of measure', 'unit of measurement', 'sales unit', 'Mengeneinheit', 'ME', 'Einheit', 'Verkaufseinheit'],
  category: [
    'category', 'categories', 'category path', 'product category', 'product group',
    'Warengruppe', 'Kategorie', 'Kategorien', 'Kategoriepfad', 'Produktgruppe', 'Artikelgruppe',
  ],
  gtin: ['GTIN', 'EAN', 'EAN13', 'EAN code', 'EAN-Nummer', 'EAN/GTIN', 'GTIN-13', 'GTIN-14', 'UPC', 'UPC code', 'barcode'],
  manufacturer: ['manufacturer', 'manufacturer name', 'brand', 'brand name', 'Hersteller', 'Herstellername', 'Marke'],
  mpn: [
    'manufacturer part number', 'MPN', 'manufacturer article number', 'manufacturer number', 'manufacturer item number',
    'Herstellerartikelnummer', 'Hersteller-Artikelnummer', 'Hersteller-Nr.', 'Herstellernummer',
  ],
  minOrderQty: [
    'min order quantity', 'minimum order quantity', 'min order qty', 'MOQ', 'minimum quantity', 'min qty', 'minimum order',
    'Mindestmenge', 'Mindestbestellmenge', 'Mindestabnahme', 'Mindestabnahmemenge',
  ],
  image: [
    'image', 'images', 'image file', 'image name', 'image filename', 'picture', 'pictures', 'photo', 'base image', 'main image',
    'Bild', 'Bilder', 'Bilddatei', 'Bildname', 'Foto', 'Abbildung',
  ],
};

/** Words naming a price in quantity-break headers ("Staffelpreis ab 50", "price 10+"); one is required. */
export const CORE_PRICE_WORDS = new Set(['price', 'preis', 'staffelpreis', 'staffel', 'nettopreis', 'listenpreis', 'vk', 'einzelpreis', 'stueckpreis']);
/** Words that may accompany them ("unit price 10+", "net price from 10"). */
export const PRICE_WORDS = new Set([...CORE_PRICE_WORDS, 'unit', 'net', 'netto', 'list', 'tier', 'break']);
/** Words that mark a number as a minimum quantity. */
export const QUANTITY_WORDS = new Set(['+', 'from', 'ab', 'qty', 'quantity', 'menge', 'min', 'pcs', 'pieces', 'units', 'pc', 'stk', 'st', 'stueck']);
/** Words of numbered category-level headers ("Category 2", "Warengruppe Ebene 1", "Level 3"). */
export const CATEGORY_LEVEL_WORDS = new Set(['category', 'kategorie', 'warengruppe', 'produktgruppe', 'artikelgruppe', 'level', 'ebene', 'lvl', 'cat']);
/** Words of numbered image headers ("Bild 2", "image_3"). */
export const IMAGE_WORDS = new Set(['image', 'images', 'picture', 'photo', 'bild', 'bilder', 'bilddatei', 'foto', 'file']);
