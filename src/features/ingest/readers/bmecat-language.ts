import type { XmlElement } from './xml-element.ts';

/**
 * Of several elements in different languages (BMEcat 2005 repeats DESCRIPTION_SHORT, FNAME,
 * GROUP_NAME… with lang="deu", lang="eng"), the one in the catalog's default language, else
 * one without a language, else the first.
 */
export function inLanguage(elements: readonly XmlElement[], language: string | null): XmlElement | undefined {
  if (elements.length <= 1) return elements[0];
  const wanted = language?.toLowerCase();
  return (wanted ? elements.find((e) => e.attributes['lang']?.toLowerCase() === wanted) : undefined)
    ?? elements.find((e) => e.attributes['lang'] === undefined)
    ?? elements[0];
}
