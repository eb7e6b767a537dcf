import { z } from 'astro/zod';

/**
 * A form field that may be left empty. Astro hands an empty input to the action as null unless
 * the schema's outer type is optional, so `.default('')` alone never applies to what a browser
 * sends: this reads null as the empty text before the field's own checks.
 */
export function blankField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => value ?? '', schema);
}
