import type { Report } from './bmecat-prices.ts';
import { inLanguage } from './bmecat-language.ts';
import { isWebAddress, mediaHashOf } from '../images/media-reference.ts';
import { child, childrenNamed, textOf, type XmlElement } from './xml-element.ts';

const IMAGE_EXTENSION = /\.(jpe?g|jpe|jfif|png|webp|avif|gif|tiff?)$/i;
// Purposes that are not pictures of the product (the supplier's logo, PDFs listed as MIME).
const NOT_PRODUCT_PICTURES = new Set(['logo', 'data_sheet', 'safety_data_sheet', 'icon', 'video', 'audio']);

/**
 * The product's images from MIME_INFO, in MIME_ORDER: MIME entries whose MIME_TYPE is an
 * image (or, without a type, whose file name is), except logos and documents; thumbnails only
 * when there is no larger picture. The names are resolved by the pipeline against the ZIP
 * the file came in. Web addresses are not downloaded (a warning says so), except Vitrine's
 * own image addresses written by its exports, which name images it already stores.
 */
export function bmecatImages(product: XmlElement, language: string | null, report: Report): string[] {
  const found: { source: string; order: number; thumbnail: boolean; at: XmlElement }[] = [];
  for (const mime of childrenNamed(child(product, 'MIME_INFO'), 'MIME')) {
    const sourceElement = inLanguage(childrenNamed(mime, 'MIME_SOURCE'), language);
    const source = textOf(sourceElement);
    if (source === '' || !sourceElement) continue;
    const type = textOf(child(mime, 'MIME_TYPE')).toLowerCase();
    const purpose = textOf(child(mime, 'MIME_PURPOSE')).toLowerCase();
    const isImage = type === '' ? IMAGE_EXTENSION.test(source.split('?')[0]!) : type.startsWith('image/');
    if (!isImage || NOT_PRODUCT_PICTURES.has(purpose)) continue;
    if (isWebAddress(source) && mediaHashOf(source) === null) {
      report('warning', sourceElement, source, 'an image file delivered in the ZIP with the catalog', 'images given as web addresses are not downloaded; put the file in the ZIP and name it here');
      continue;
    }
    const order = Number(textOf(child(mime, 'MIME_ORDER')));
    found.push({ source, order: Number.isFinite(order) && textOf(child(mime, 'MIME_ORDER')) !== '' ? order : Number.MAX_SAFE_INTEGER, thumbnail: purpose === 'thumbnail', at: sourceElement });
  }
  const pictures = found.some((f) => !f.thumbnail) ? found.filter((f) => !f.thumbnail) : found;
  return [...new Set(pictures.map((f, index) => ({ ...f, index })).sort((a, b) => a.order - b.order || a.index - b.index).map((f) => f.source))];
}
