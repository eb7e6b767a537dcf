const rules = new Intl.PluralRules('en');

/**
 * The form a word takes beside a count: a noun ("problem", "problems") or a verb agreeing with
 * it ("is", "are"; give both forms).
 */
export function pluralForm(count: number, one: string, other = `${one}s`): string {
  return rules.select(count) === 'one' ? one : other;
}

/** "1 problem", "3 problems": a count with the word in the form its number needs. */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en')} ${pluralForm(count, one, other)}`;
}
