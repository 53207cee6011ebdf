/** `T` with every `readonly` removed, at every depth (domain results are readonly; Fastify's reply types are not). */
export type Wire<T> = T extends (infer U)[]
  ? Wire<U>[]
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * A domain result as a reply body. Only the types change: the object is sent as it is, and the route's response
 * schema decides what leaves (unknown fields are dropped by the serializer).
 */
export const wire = <T>(value: T): Wire<T> => value as Wire<T>;
