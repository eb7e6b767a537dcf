/** A rest parameter's segments as one canonical string: "a//b/" and "a/b" are one page. */
export function restKey(rest: string | undefined): string {
  return (rest ?? '').split('/').filter((s) => s !== '').join('/');
}
