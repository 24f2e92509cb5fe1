import { readFileSync } from "node:fs";
import path from "node:path";
import { readProjectFile } from "../../stacks/project-files";
import { planStacks } from "../check/plan";
import { Evaluations } from "../offline/evaluations";
import { readCalendars } from "./calendar";
import { judgeVersions } from "./judge";
import { dockerfilePins, workflowPins, type Pin } from "./pins";
import type { VersionReport } from "./report";

const ENGINE_KEY = "dbEngineVersion";

/** `Pulumi.yaml:<line>` of the project key that sets the engine version (a topology key). */
function engineKeyLine(projectDir: string): string {
  const lines = readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8").split("\n");
  const index = lines.findIndex((line) => line.trim().startsWith(`${ENGINE_KEY}:`));
  return index < 0 ? "Pulumi.yaml" : `Pulumi.yaml:${index + 1}`;
}

/**
 * Collects every version the project pins (each evaluated stack's `dbEngineVersion`, the Node.js
 * line of each built image and of the workflows) and judges it against the shipped calendars on
 * `today`.
 */
export async function planVersions(options: {
  readonly projectDir: string;
  readonly evaluations?: Evaluations;
  readonly today?: Date;
}): Promise<VersionReport> {
  const { projectDir } = options;
  const evaluations = options.evaluations ?? new Evaluations();
  const today = options.today ?? new Date();
  const project = readProjectFile(projectDir).name;
  const engines = new Set<string>();
  const contexts: string[] = [];
  for (const target of planStacks(projectDir)) {
    const { spec } = await evaluations.evaluate({ projectDir, ...target });
    engines.add(spec.values.dbEngineVersion);
    if (spec.values.imageBuildContext !== undefined) contexts.push(spec.values.imageBuildContext);
  }
  const pins: Pin[] = [
    ...[...engines].map((version) => ({
      calendar: "aurora-postgresql" as const,
      version,
      where: engineKeyLine(projectDir),
      setting: `${project}:${ENGINE_KEY}`,
    })),
    ...dockerfilePins(projectDir, contexts),
    ...workflowPins(projectDir),
  ];
  const calendars = readCalendars();
  const verdicts = judgeVersions(calendars, pins, today);
  return {
    calendars: {
      taken: calendars.taken,
      basis: calendars.basis,
      sources: Object.fromEntries(
        Object.entries(calendars.calendars).map(([name, calendar]) => [name, calendar.source]),
      ),
    },
    today: today.toISOString().slice(0, 10),
    verdicts,
    holds: verdicts.every((v) => v.status === "supported" || v.status === "ending"),
  };
}
