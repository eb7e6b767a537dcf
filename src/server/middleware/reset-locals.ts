import type { MiddlewareHandler } from 'astro';

/** Step 1: nobody is known yet; later steps fill in whom the request comes from. */
export const resetLocals: MiddlewareHandler = (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.apiTokenId = null;
  context.locals.pageTemplateKey = null;
  context.locals.punchout = null;
  context.locals.keptForm = {};
  context.locals.formOutcomeShown = false;
  return next();
};
