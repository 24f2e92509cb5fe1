import { UserError } from "../../components/errors";
import { parseUrn } from "../graph/urn";
import { openArtifact, startsRun } from "../sources/artifact";
import type {
  DetailedDiff,
  EngineEvent,
  Preview,
  ResourceState,
  StepState as SchemaStepState,
} from "../sources/schemas";
import type { Step, StepPropertyDiff, StepSource, StepState } from "./step";
import { checkEngineSummary } from "./summary-check";

/** The resource type a URN names: `urn:pulumi:stack::project::parent$type::name` → `type`. */
function typeFromUrn(urn: string): string {
  return parseUrn(urn)?.type ?? "";
}

function toState(raw: ResourceState | SchemaStepState | null | undefined): StepState | undefined {
  if (raw === null || raw === undefined) return undefined;
  return { id: raw.id, inputs: raw.inputs ?? {}, outputs: raw.outputs ?? {} };
}

function toDetailedDiff(raw: DetailedDiff): StepPropertyDiff[] | undefined {
  if (raw === null || raw === undefined) return undefined;
  return Object.entries(raw).map(([path, diff]) => ({
    path,
    kind: diff.kind ?? diff.diffKind ?? "update",
    inputDiff: diff.inputDiff ?? false,
  }));
}

const EXPECTED =
  "`pulumi refresh --preview-only --json`, `pulumi preview --json` or an engine event log (`--event-log`)";

function noSteps(file: string): UserError {
  return new UserError(
    `${file}: has no steps, so nothing was reviewed. parity drift reads ${EXPECTED} of a stack that has resources.`,
  );
}

function fromPreview(file: string, document: Preview): StepSource {
  return {
    file,
    format: "preview-json",
    steps: document.steps.map((step) => ({
      op: step.op,
      urn: step.urn,
      type: typeFromUrn(step.urn),
      old: toState(step.oldState),
      new: toState(step.newState),
      diffReasons: step.diffReasons ?? [],
      detailedDiff: toDetailedDiff(step.detailedDiff),
    })),
    engineSummary: document.changeSummary ?? undefined,
  };
}

async function fromEvents(file: string, events: AsyncIterable<EngineEvent>): Promise<StepSource> {
  const steps: Step[] = [];
  let engineSummary: Readonly<Record<string, number>> | undefined;
  for await (const event of events) {
    if (startsRun(event)) {
      steps.length = 0;
      engineSummary = undefined;
    }
    const metadata = event.resourcePreEvent?.metadata ?? event.resOutputsEvent?.metadata;
    if (metadata !== undefined) {
      steps.push({
        op: metadata.op,
        urn: metadata.urn,
        type: metadata.type ?? typeFromUrn(metadata.urn),
        old: toState(metadata.old),
        new: toState(metadata.new),
        diffReasons: metadata.diffs ?? [],
        detailedDiff: toDetailedDiff(metadata.detailedDiff),
      });
    }
    engineSummary = event.summaryEvent?.resourceChanges ?? engineSummary;
  }
  return { file, format: "event-log", steps, engineSummary };
}

/**
 * Reads the steps of one file through the artifact reader: preview JSON (`steps`) or an engine
 * event log (read as a stream; one whose last run has no summary event is refused, and only that
 * run is read). A stack export or checkpoint holds state, not changes, and is refused, and so is a
 * file with no steps at all and one whose engine summary the steps contradict.
 */
export async function readSteps(file: string): Promise<StepSource> {
  const artifact = await openArtifact(file, ["preview", "event-log"]);
  const source =
    artifact.format === "preview"
      ? fromPreview(file, artifact.document)
      : await fromEvents(file, artifact.events);
  if (source.steps.length === 0) throw noSteps(file);
  checkEngineSummary(source);
  return source;
}
