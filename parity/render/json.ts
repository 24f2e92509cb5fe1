import type { ParityReport } from "../check/report";
import { writeJson, type JsonSink } from "./json-writer";

/** A value one stack does not set is written as `null`. */
const nullForUndefined = (_key: string, value: unknown) => value ?? null;

/**
 * The report as JSON for machines, to `sink` in chunks (a report of any size the reader accepts
 * is written without one string holding it): `{verdict, stacks: {<name>: {source, resources}},
 * pairs, findings: [{kind, resource, property, a, b, rule, stacks}], notes}`. A value one stack
 * does not set is `null`, so every finding has both `a` and `b`.
 */
export function writeReportJson(report: ParityReport, sink: JsonSink): void {
  writeJson(report, sink, { replacer: nullForUndefined, indent: 2 });
  sink("\n");
}

/** {@link writeReportJson} as one string, for reports known to be small. */
export function renderJson(report: ParityReport): string {
  const chunks: string[] = [];
  writeReportJson(report, (chunk) => chunks.push(chunk));
  return chunks.join("");
}
