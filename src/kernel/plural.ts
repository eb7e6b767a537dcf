/** "1 problem", "3 problems": a count with the word in the form its number needs. */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en')} ${new Intl.PluralRules('en').select(count) === 'one' ? one : other}`;
}
