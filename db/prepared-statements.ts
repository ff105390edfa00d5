import type postgres from "postgres";

// Drizzle runs every query through postgres.js's `unsafe(text, params, { prepare: false })` unless it was
// built with `.prepare(name)`. Unprepared, postgres.js spends two round trips on any query with
// parameters (Parse + Describe, wait for the parameter types, then Bind + Execute), and PostgreSQL parses
// and plans it every time. Prepared, postgres.js keeps the statement per connection, keyed by its text and
// parameter types, and every later run is one round trip (Bind + Execute). Measured on the webhook
// worker: the socket writes alone were 40% of its CPU (docs/decisions/0023).
//
// Queries without parameters keep the simple protocol (postgres.js's default for them), so migrations'
// multi-statement scripts are unaffected. A connection pooler in front of PostgreSQL must keep prepared
// statements per server connection (PgBouncer 1.21+ `max_prepared_statements`, or session pooling).

type Client = postgres.Sql | postgres.TransactionSql;

const wrapped = new WeakMap<object, object>();

/** `client` with every query prepared, in transactions and savepoints too. */
export function preparingStatements<T extends Client>(client: T): T {
  const known = wrapped.get(client);
  if (known) return known as T;
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return open(...args, (tx: postgres.TransactionSql) => work(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  wrapped.set(client, proxy);
  return proxy;
}
