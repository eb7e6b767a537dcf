import type { MiddlewareHandler } from 'astro';
import { keepPageTemplate } from '#features/page-cache/keep-page-template.ts';

/**
 * After a GET or HEAD of a page that marked itself cacheable (`locals.pageTemplateKey`), for a
 * signed-in visitor: keeps the rendered page as a template the fast lane may serve again.
 */
export const keepTemplateForFastLane: MiddlewareHandler = async (context, next) => {
  const response = await next();
  const { method } = context.request;
  const { pageTemplateKey, user, session, formOutcomeShown } = context.locals;
  if (!formOutcomeShown && (method === 'GET' || method === 'HEAD') && pageTemplateKey && user && session) return keepPageTemplate(pageTemplateKey, user, response);
  return response;
};
