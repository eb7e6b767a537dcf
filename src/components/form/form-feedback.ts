import { isInputError } from 'astro:actions';

export interface FormFeedback {
  /** Messages to show beside each input, by input name. */
  fields: Record<string, string[] | undefined>;
  /** A message for the form as a whole (role="alert"), or null. */
  message: string | null;
}

/** What a form shows after its action ran: field errors beside inputs, or one message. */
export function formFeedback(result: { error?: unknown } | undefined): FormFeedback {
  const error = result?.error;
  if (!error) return { fields: {}, message: null };
  if (isInputError(error)) return { fields: error.fields as Record<string, string[] | undefined>, message: null };
  return { fields: {}, message: error instanceof Error ? error.message : 'Something went wrong. Please try again.' };
}
