import type { ColumnKind } from "./catalog";
import type { Decision, Strategy } from "./rules";

/** What a strategy promises, which decides where the rules may use it. */
export interface StrategyTraits {
  /** The column kinds it applies to. */
  readonly kinds: readonly ColumnKind[] | "any";
  /** Distinct values stay distinct, so a unique index still holds. */
  readonly keepsDistinct: boolean;
  /** Equal values get equal outputs whatever the row, so a foreign key still finds its row. */
  readonly keepsJoins: boolean;
  /** Characters it writes, checked against a `varchar(n)`. */
  readonly length?: (decision: Decision) => number;
  /** Every masked value matches this (POSIX regular expression), checked by the verification. */
  readonly pattern?: string;
  /** No masked value may equal any original value of the column, checked by the verification. */
  readonly replacesEveryValue: boolean;
}

const HASH_HEX_DIGITS = 64;
const EMAIL = "user-0123456789abcdef@example.invalid";
const NAME = "Abcd Efghij";
const PHONE = "+15550123456";

const fake = (sample: string | number, pattern: string, keepsDistinct: boolean) => ({
  kinds: ["text"] as const,
  keepsDistinct,
  keepsJoins: true,
  length: () => (typeof sample === "number" ? sample : sample.length),
  pattern,
  replacesEveryValue: true,
});

export const STRATEGIES: Readonly<Record<Strategy, StrategyTraits>> = {
  keep: { kinds: "any", keepsDistinct: true, keepsJoins: true, replacesEveryValue: false },
  hash: fake(HASH_HEX_DIGITS, "^[0-9a-f]{64}$", true),
  email: fake(EMAIL, "^user-[0-9a-f]{16}@example\\.invalid$", true),
  // A name or a phone number has too few forms to keep a unique column unique.
  name: fake(NAME, "^[A-Z][a-z]{3} [A-Z][a-z]{5}$", false),
  phone: fake(PHONE, "^\\+1555[0-9]{7}$", false),
  // NULLs never collide in a unique index and reference nothing.
  null: { kinds: "any", keepsDistinct: true, keepsJoins: true, replacesEveryValue: false },
  fixed: {
    kinds: "any",
    keepsDistinct: false,
    keepsJoins: false,
    length: (decision) => (decision.strategy === "fixed" ? String(decision.value).length : 0),
    replacesEveryValue: false,
  },
  "date-shift": {
    kinds: ["date", "timestamp"],
    keepsDistinct: false,
    keepsJoins: false,
    replacesEveryValue: false,
  },
};

/**
 * The functions the masking statements call, created for the masking session only (`pg_temp`,
 * gone when it ends). Each takes the run's secret salt first: outputs depend on the value and the
 * salt alone, so equal values (a key and the column that references it) stay equal, and nobody
 * without the salt can recompute them from a guessed original. STRICT: NULL stays NULL.
 */
export const MASKING_FUNCTIONS = [
  `CREATE FUNCTION pg_temp.masked_hash(salt text, value text) RETURNS text
     LANGUAGE sql IMMUTABLE STRICT AS
     $$SELECT encode(sha256(convert_to(salt || value, 'UTF8')), 'hex')$$`,
  `CREATE FUNCTION pg_temp.masked_email(salt text, value text) RETURNS text
     LANGUAGE sql IMMUTABLE STRICT AS
     $$SELECT 'user-' || left(encode(sha256(convert_to(salt || value, 'UTF8')), 'hex'), 16) || '@example.invalid'$$`,
  `CREATE FUNCTION pg_temp.masked_name(salt text, value text) RETURNS text
     LANGUAGE sql IMMUTABLE STRICT AS
     $$SELECT initcap(substr('bcdfghklmnprstvz', get_byte(d, 0) % 16 + 1, 1) || substr('aeiou', get_byte(d, 1) % 5 + 1, 1)
                   || substr('bcdfghklmnprstvz', get_byte(d, 2) % 16 + 1, 1) || substr('aeiou', get_byte(d, 3) % 5 + 1, 1))
              || ' '
              || initcap(substr('bcdfghklmnprstvz', get_byte(d, 4) % 16 + 1, 1) || substr('aeiou', get_byte(d, 5) % 5 + 1, 1)
                   || substr('bcdfghklmnprstvz', get_byte(d, 6) % 16 + 1, 1) || substr('aeiou', get_byte(d, 7) % 5 + 1, 1)
                   || substr('bcdfghklmnprstvz', get_byte(d, 8) % 16 + 1, 1) || substr('aeiou', get_byte(d, 9) % 5 + 1, 1))
         FROM (SELECT sha256(convert_to(salt || value, 'UTF8')) AS d) AS digest$$`,
  `CREATE FUNCTION pg_temp.masked_phone(salt text, value text) RETURNS text
     LANGUAGE sql IMMUTABLE STRICT AS
     $$SELECT '+1555' || lpad((((get_byte(d, 0) << 16) | (get_byte(d, 1) << 8) | get_byte(d, 2)) % 10000000)::text, 7, '0')
         FROM (SELECT sha256(convert_to(salt || value, 'UTF8')) AS d) AS digest$$`,
  // One shift per row (from its primary key), never 0, within ±max_days: a row's dates move
  // together, so their order within the row holds.
  `CREATE FUNCTION pg_temp.shift_days(salt text, row_key text, max_days integer) RETURNS integer
     LANGUAGE sql IMMUTABLE STRICT AS
     $$SELECT CASE WHEN get_byte(d, 2) % 2 = 0 THEN 1 ELSE -1 END * (1 + ((get_byte(d, 0) << 8) | get_byte(d, 1)) % max_days)
         FROM (SELECT sha256(convert_to(salt || '|row|' || row_key, 'UTF8')) AS d) AS digest$$`,
] as const;

/** The pg_temp function of each fake strategy. */
export const FAKE_FUNCTIONS: Readonly<Partial<Record<Strategy, string>>> = {
  hash: "pg_temp.masked_hash",
  email: "pg_temp.masked_email",
  name: "pg_temp.masked_name",
  phone: "pg_temp.masked_phone",
};
