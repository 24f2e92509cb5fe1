/**
 * An RFC 3339 date-time as the Pulumi and AWS CLIs print it (`2026-11-20T07:55:40.000Z`,
 * `2026-11-20T07:55:41+00:00`): a full date, a time with seconds, a zone. `Date` alone reads far
 * more (`"1"` is the year 2001, `2026-02-30` is March 2nd).
 */
const RFC_3339 =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$/;

/** The instant `text` names when it is an RFC 3339 date-time of a real calendar day, else undefined. */
export function parseRfc3339(text: string): Date | undefined {
  const match = RFC_3339.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  return valid ? new Date(text.replace(" ", "T")) : undefined;
}
