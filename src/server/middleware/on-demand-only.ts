import type { MiddlewareHandler } from 'astro';

/** Runs `steps` for requests rendered on demand; a prerendered page (rendered at build) passes straight on. */
export function onDemandOnly(steps: MiddlewareHandler): MiddlewareHandler {
  return (context, next) => (context.isPrerendered ? next() : steps(context, next));
}
