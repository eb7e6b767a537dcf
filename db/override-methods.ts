import type { InArgs, InStatement } from '@libsql/client';

/**
 * `target` with some of its members replaced by `own`; everything else is the target's own,
 * its methods bound to it (the client's and a transaction's methods use private fields, so
 * they must run on the object itself, not on the proxy).
 */
export function overrideMethods<T extends object>(target: T, own: Partial<T>): T {
  return new Proxy(target, {
    get(object, name) {
      if (Object.hasOwn(own, name)) return own[name as keyof T];
      const value = Reflect.get(object, name, object) as unknown;
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** The statement `execute` was given, in its one shape (`execute(sql, args)` and `execute({ sql, args })` alike). */
export function statementOf(stmt: InStatement | string, args?: InArgs): Exclude<InStatement, string> {
  return typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
}
