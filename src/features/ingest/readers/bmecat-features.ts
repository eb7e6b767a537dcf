import type { BmecatDialect } from './bmecat-dialect.ts';
import { inLanguage } from './bmecat-language.ts';
import type { Report } from './bmecat-prices.ts';
import { unitSymbol } from './units.ts';
import { child, childrenNamed, textOf, type XmlElement } from './xml-element.ts';

// Feature names that are codes of a feature system rather than words: ETIM "EF000008",
// ECLASS IRDI "0173-1#02-AAA123#005" or ECLASS short ids "AAA123".
const FEATURE_CODE = /^(EF\d{6}|\d{4}-\d#\d{2}-[A-Z]{3}\d{3}#\d{3}|[A-Z]{3}\d{3})$/;

function systemFamily(system: string): 'ETIM' | 'ECLASS' | undefined {
  if (/^etim/i.test(system)) return 'ETIM';
  if (/^ecl(@|a)ss/i.test(system)) return 'ECLASS';
  return undefined;
}

function addAttribute(attributes: Record<string, string>, name: string, value: string): void {
  let key = name;
  for (let n = 2; key in attributes; n++) key = `${name} (${n})`;
  attributes[key] = value;
}

/**
 * A product's features as attributes, the way Vitrine shows them: the name as the file gives
 * it (FNAME, with FDESCR after it when FNAME is only an ETIM/ECLASS code, e.g.
 * "EF000008 Width"), the value(s) joined by ", " followed by the unit's symbol ("40 mm",
 * "110, 220 V"). A product classified in ETIM or ECLASS also gets "ETIM class" / "ECLASS class"
 * with the class id, so buyers and searches can use it.
 */
export function featureAttributes(product: XmlElement, dialect: BmecatDialect, language: string | null, report: Report): Record<string, string> {
  // No prototype: a feature named "__proto__" or "constructor" is kept like any other.
  const attributes: Record<string, string> = Object.create(null);
  for (const block of childrenNamed(product, dialect.features)) {
    const family = systemFamily(textOf(child(block, 'REFERENCE_FEATURE_SYSTEM_NAME')));
    const classId = textOf(child(block, 'REFERENCE_FEATURE_GROUP_ID'));
    if (family && classId) addAttribute(attributes, `${family} class`, classId);
    for (const feature of childrenNamed(block, 'FEATURE')) {
      const name = textOf(inLanguage(childrenNamed(feature, 'FNAME'), language));
      const description = textOf(inLanguage(childrenNamed(feature, 'FDESCR'), language));
      const values = [...new Set([...childrenNamed(feature, 'FVALUE'), ...childrenNamed(feature, 'VALUE_IDREF')]
        .filter((v) => v.attributes['lang'] === undefined || language === null || v.attributes['lang']?.toLowerCase() === language.toLowerCase())
        .map(textOf).filter((v) => v !== ''))];
      if (name === '') {
        if (values.length > 0) report('warning', feature, values.join(', '), 'an FNAME naming the feature', 'a feature has a value but no name, so it was left out');
        continue;
      }
      if (values.length === 0) continue;
      const unit = textOf(child(feature, 'FUNIT'));
      const key = FEATURE_CODE.test(name) && description !== '' ? `${name} ${description}` : name;
      addAttribute(attributes, key, `${values.join(', ')}${unit ? ` ${unitSymbol(unit)}` : ''}`);
    }
  }
  return attributes;
}
