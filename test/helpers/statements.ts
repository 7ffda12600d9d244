/** Every query sent on the clients of a pool while `work` runs (BEGIN and COMMIT included), in order. */
import type pg from "pg";

export async function loggedStatements<T>(pool: pg.Pool, work: (log: string[]) => Promise<T>): Promise<T> {
  const log: string[] = [];
  const connect = pool.connect.bind(pool);
  (pool as any).connect = async () => {
    const client = await connect();
    const query = client.query.bind(client);
    (client as any).query = (text: any, ...rest: any[]) => {
      log.push(typeof text === "string" ? text : text.text);
      return (query as any)(text, ...rest);
    };
    const release = client.release.bind(client);
    client.release = (...args: any[]) => {
      (client as any).query = query;
      client.release = release;
      return release(...args);
    };
    return client;
  };
  try {
    return await work(log);
  } finally {
    (pool as any).connect = connect;
  }
}

/**
 * The round trips the clients of a pool make while `work` runs: the messages that make the server answer, a simple
 * query ('Q') or the end of an extended one ('S', Sync), counted below node-postgres's query queue, so a BEGIN
 * held back and sent with the next statement (db/connection.ts) counts once.
 */
export async function countedRoundTrips<T>(
  pool: pg.Pool,
  work: (count: () => number) => Promise<T>,
): Promise<T> {
  let trips = 0;
  const connect = pool.connect.bind(pool);
  const spied = new Set<{ query: (...a: unknown[]) => unknown; sync: (...a: unknown[]) => unknown }>();
  (pool as any).connect = async () => {
    const client = await connect();
    const connection = (client as any).connection;
    if (!spied.has(connection)) {
      spied.add(connection);
      for (const method of ["query", "sync"] as const) {
        const original = connection[method].bind(connection);
        connection[method] = (...args: unknown[]) => {
          trips++;
          return original(...args);
        };
      }
    }
    return client;
  };
  try {
    return await work(() => trips);
  } finally {
    (pool as any).connect = connect;
    for (const connection of spied) {
      delete (connection as any).query;
      delete (connection as any).sync;
    }
  }
}
