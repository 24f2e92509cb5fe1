import { readFileSync } from "node:fs";

/** A table row of the provider's ZoneSetting docs: | `rocketLoader` | `"on"` / `"off"` | … |. */
const ROW = /^ \* \| `([0-9A-Za-z]+)` \| ([^|]*) \|/;

/**
 * A setting id without case or underscores, so the provider's camelCase (`tls13`, `rocketLoader`)
 * and the API's snake_case (`tls_1_3`, `rocket_loader`) compare equal.
 */
export function settingKey(id: string): string {
  return id.replace(/_/g, "").toLowerCase();
}

/**
 * Every zone setting the installed cloudflare provider documents (generated from Cloudflare's
 * OpenAPI spec), keyed by {@link settingKey}, with the string values its table lists; an empty list
 * where the value is a number or an object.
 */
export function providerZoneSettings(): Map<string, string[]> {
  const file = require.resolve("@pulumi/cloudflare/zoneSetting.d.ts");
  const settings = new Map<string, string[]>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const row = ROW.exec(line);
    if (row?.[1] === undefined || row[2] === undefined) continue;
    const values = [...row[2].matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
    settings.set(settingKey(row[1]), values);
  }
  return settings;
}
