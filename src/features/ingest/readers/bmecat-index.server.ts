import { ImportInputError } from '../checks/import-input-error.ts';
import { dialectOfProduct, isTransaction, type BmecatDialect, type BmecatTransaction } from './bmecat-dialect.ts';
import { inLanguage } from './bmecat-language.ts';
import { GroupTree } from './group-tree.ts';
import { child, childrenNamed, textOf, type XmlElement } from './xml-element.ts';
import { readXmlElements } from './xml-stream.server.ts';

/** What the first pass over a BMEcat file learns: everything products need that may come after them. */
export interface BmecatIndex {
  version: string;
  transaction: BmecatTransaction;
  dialect: BmecatDialect;
  currency: string | null;
  language: string | null;
  productCount: number;
  /** The CATALOG_GROUP_SYSTEM tree. */
  groups: GroupTree;
  /** Supplier-defined classification trees (CLASSIFICATION_SYSTEM with groups), by system name. */
  classifications: Map<string, GroupTree>;
  /** Product id → the first catalog group it is mapped to (…_TO_CATALOGGROUP_MAP). */
  groupOf: Map<string, string>;
}

// A classification system embedded whole (all of ECLASS) is not a supplier's category tree.
const MAX_CLASSIFICATION_GROUPS = 100_000;
const GROUP_MAPS = new Set(['PRODUCT_TO_CATALOGGROUP_MAP', 'ARTICLE_TO_CATALOGGROUP_MAP']);

// A ">" inside a group name would read as a level separator in the stored path.
const groupName = (element: XmlElement | undefined) => textOf(element).replace(/\s+/g, ' ').replace(/>/g, '›');

/** What pass 1 has learned so far. */
interface IndexSoFar {
  version: string;
  transaction: BmecatTransaction | undefined;
  dialect: BmecatDialect | undefined;
  productCount: number;
  header: XmlElement | undefined;
  language: string | null;
  groups: GroupTree;
  /** The classification system whose groups are being read. */
  systemName: string;
  classifications: Map<string, GroupTree>;
  classificationGroups: number;
  groupOf: Map<string, string>;
}

/** Which elements pass 1 builds (the header, groups, group maps); the root, the transaction and products are only noted. */
function captureFor(state: IndexSoFar, fileName: string) {
  return (name: string, attributes: Readonly<Record<string, string>>, ancestors: readonly string[]): boolean => {
    const depth = ancestors.length;
    if (depth === 0) {
      if (name !== 'BMECAT') throw new ImportInputError(`"${fileName}" is XML, but its root element is <${name}>, not <BMECAT>.`, { fileName });
      state.version = attributes['version']?.trim() ?? '';
      return false;
    }
    if (depth === 1) {
      if (name === 'HEADER') return true;
      if (isTransaction(name)) state.transaction ??= name;
      return false;
    }
    if (depth === 2 && isTransaction(ancestors[1]!) && dialectOfProduct(name)) {
      state.dialect ??= dialectOfProduct(name);
      state.productCount++;
      return false;
    }
    if (name === 'CATALOG_STRUCTURE' || GROUP_MAPS.has(name)) return true;
    if (name === 'CLASSIFICATION_SYSTEM_NAME' || name === 'CLASSIFICATION_GROUP') return ancestors.includes('CLASSIFICATION_SYSTEM');
    return false;
  };
}

function addClassificationGroup(state: IndexSoFar, element: XmlElement): void {
  if (++state.classificationGroups > MAX_CLASSIFICATION_GROUPS) return;
  let tree = state.classifications.get(state.systemName);
  if (!tree) state.classifications.set(state.systemName, (tree = new GroupTree()));
  const parent = textOf(child(element, 'CLASSIFICATION_GROUP_PARENT_ID'));
  tree.add({ id: textOf(child(element, 'CLASSIFICATION_GROUP_ID')), name: groupName(inLanguage(childrenNamed(element, 'CLASSIFICATION_GROUP_NAME'), state.language)), parentId: parent === '' ? null : parent, isRoot: false });
}

/** Takes one built element into the index. */
function takeElement(state: IndexSoFar, element: XmlElement): void {
  if (element.name === 'HEADER') {
    state.header = element;
    const languages = childrenNamed(child(element, 'CATALOG'), 'LANGUAGE');
    state.language = textOf(languages.find((l) => l.attributes['default'] === 'true') ?? languages[0]) || null;
  } else if (element.name === 'CATALOG_STRUCTURE') {
    const parent = textOf(child(element, 'PARENT_ID'));
    state.groups.add({
      id: textOf(child(element, 'GROUP_ID')), name: groupName(inLanguage(childrenNamed(element, 'GROUP_NAME'), state.language)),
      parentId: parent === '' || parent === '0' ? null : parent, isRoot: element.attributes['type'] === 'root',
    });
  } else if (element.name === 'CLASSIFICATION_SYSTEM_NAME') {
    state.systemName = textOf(element);
  } else if (element.name === 'CLASSIFICATION_GROUP') {
    addClassificationGroup(state, element);
  } else if (element.attributes['mode'] !== 'delete') {
    const productId = textOf(child(element, 'PROD_ID') ?? child(element, 'ART_ID'));
    const groupId = textOf(child(element, 'CATALOG_GROUP_ID'));
    if (productId !== '' && groupId !== '' && !state.groupOf.has(productId)) state.groupOf.set(productId, groupId);
  }
}

/**
 * Pass 1 over a BMEcat file: the header (currency, language), the catalog group tree and the
 * product → group map (which BMEcat puts after all products), and a product count; products
 * themselves are only counted, not built, so this pass costs parsing time but no memory
 * beyond the groups and one short map entry per product. Pass 2 (bmecat-reader) then reads
 * the products with their categories known. Well-formedness errors surface here, before any
 * item is stored.
 */
export async function indexBmecat(path: string, fileName: string): Promise<BmecatIndex> {
  const state: IndexSoFar = {
    version: '', transaction: undefined, dialect: undefined, productCount: 0, header: undefined, language: null,
    groups: new GroupTree(), systemName: '', classifications: new Map(), classificationGroups: 0, groupOf: new Map(),
  };
  for await (const { element } of readXmlElements(path, { fileName, capture: captureFor(state, fileName) })) takeElement(state, element);
  const { transaction, dialect, productCount, header } = state;
  if (!transaction) {
    throw new ImportInputError(`"${fileName}" is a BMEcat file without a catalog in it: it has no T_NEW_CATALOG, T_UPDATE_PRODUCTS or T_UPDATE_PRICES element.`, { fileName });
  }
  if (productCount === 0 || !dialect) {
    throw new ImportInputError(`"${fileName}": the BMEcat ${transaction} holds no products (no PRODUCT or ARTICLE elements).`, { fileName });
  }
  const currency = textOf(child(child(header, 'CATALOG'), 'CURRENCY')).toUpperCase() || null;
  const { version, language, groups, classifications, groupOf } = state;
  return { version, transaction, dialect, currency, language, productCount, groups, classifications, groupOf };
}
