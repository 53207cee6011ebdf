import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

const SENTINEL = '\u0000param:';

/**
 * A query built and compiled once, then run with new parameter values: for the statements on every request's
 * path (Kysely otherwise rebuilds and recompiles the same SQL each time). `build` receives a placeholder for
 * each named parameter; the compiled SQL is the same on every call, so SQLite's statement cache hits too.
 */
export function preparedQuery<Params extends Record<string, unknown>, Row>(
  db: Kysely<never> | Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  build: (param: <K extends keyof Params & string>(name: K) => Params[K]) => Compilable<Row>,
): (params: Params, on?: Kysely<any>) => Promise<Row[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const compiled = build((name) => `${SENTINEL}${name}` as never).compile();
  // Each bound value is either a named parameter (filled per call) or a constant of the query itself.
  const slots: Array<{ name: string } | { value: unknown }> = compiled.parameters.map((value) =>
    typeof value === 'string' && value.startsWith(SENTINEL) ? { name: value.slice(SENTINEL.length) } : { value },
  );
  if (!slots.some((slot) => 'name' in slot)) throw new Error('preparedQuery: the query uses none of its parameters');
  // `on`: run on another executor of the same database (a transaction); the SQL is the same.
  return async (params, on = db) => {
    const parameters = slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));
    const result = await on.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows;
  };
}
