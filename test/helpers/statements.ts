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
