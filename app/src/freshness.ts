import type { ClientBase } from "pg";

/**
 * Session freshness tokens: read-your-writes with ordinary SQL, so it works the same on Aurora
 * PostgreSQL (whose readers share storage and have no WAL position functions) and on PostgreSQL
 * streaming replicas.
 *
 * Every write bumps the one row of `write_marks` in the write's own transaction and hands the new
 * value to the session as its token. The row lock orders the bumps: a transaction that bumps to
 * `n` commits before the one that bumps to `n + 1` can take the lock, so a reader whose marker is
 * at least `n` has replayed the commit that produced `n`, and the write with it.
 *
 * Cost: concurrent writes queue on that row from the bump to their commit, which is why the bump
 * is the last statement before `COMMIT`.
 */

/** The cookie carrying the token of the session's last write. */
export const FRESHNESS_COOKIE = "rw_mark";

/** A token: the marker's positive `bigint` value, in decimal. */
const TOKEN = /^[1-9][0-9]{0,17}$/;

/** True for a well-formed token, the only form a cookie value may take to be trusted. */
export function isFreshnessToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * Bumps the marker inside the caller's open transaction and returns the new token. The upsert
 * also creates the row, so a marker deleted by hand cannot stop writes.
 */
export async function bumpWriteMark(transaction: ClientBase): Promise<string> {
  const result = await transaction.query<{ mark: string }>(
    "INSERT INTO write_marks (id, mark) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET mark = write_marks.mark + 1 RETURNING mark::text AS mark",
  );
  const mark = result.rows[0]?.mark;
  if (mark === undefined) throw new Error("the write marker upsert returned no row");
  return mark;
}

/**
 * Whether the database behind `connection` has seen the write that produced `token`: its marker
 * is at least `token`. False when the marker row has not been replayed yet.
 */
export async function hasSeen(connection: ClientBase, token: string): Promise<boolean> {
  const result = await connection.query<{ seen: boolean }>(
    "SELECT mark >= $1::bigint AS seen FROM write_marks WHERE id = 1",
    [token],
  );
  return result.rows[0]?.seen === true;
}
