import type { Json } from "./expressions";

/** One update in a stack's history, as `pulumi stack history --json` prints it. */
export interface HistoryEntry {
  readonly version: number;
  readonly kind: string;
  readonly startTime: string;
  readonly message: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly result: string;
}

export interface PulumiStack {
  config: Record<string, string>;
  outputs: Record<string, Json>;
  history: HistoryEntry[];
  /** The secrets provider in the stack's state (what PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER reads). */
  secretsProvider?: string;
  lastUpdate?: string;
  resourceCount?: number;
  updateInProgress?: boolean;
  locked?: boolean;
  /**
   * The secrets provider and encrypted data key the state's last update recorded (its
   * secrets_providers); a stack created but never updated has none.
   */
  stateSecretsProvider?: string;
  encryptedKey?: string;
  /** What an interrupted update was doing (the state's pending_operations). */
  pendingOperations?: { urn: string; type: "creating" | "updating" | "deleting" }[];
  /** The commit checked out when the stack was last deployed (its infrastructure's code). */
  deployedCommit?: string;
}

/** One resource's operations in a saved plan (`pulumi preview --save-plan`). */
export interface PlannedResource {
  /** Its type token, e.g. aws:rds/cluster:Cluster. */
  readonly type: string;
  readonly name: string;
  /** The engine's operations (apitype.OpType): same, create, update, replace, delete, … */
  readonly steps: readonly string[];
}

/** Everything the stub CLIs read and change: the cloud, the state backend and GitHub. */
export interface World {
  pulumi: {
    backend: "diy" | "cloud";
    organization: string;
    project: string;
    version: string;
    selected?: string;
    /** Seconds since the epoch of the next update; each update adds a minute. */
    clock: number;
    stacks: Record<string, PulumiStack>;
    /** The secrets provider each committed stack file (Pulumi.<stack>.yaml) records. */
    stackFiles: Record<string, string>;
    /** Stack files a job wrote when it created a stack, by the job's RUNNER_TEMP: its checkout only. */
    jobStackFiles: Record<string, Record<string, string>>;
    /** What the program exports per stack after `pulumi up` (imageRef/releaseId from config). */
    programOutputs: Record<string, Record<string, Json>>;
    /** The next `pulumi up` of a stack fails with this message (after the rollout, or before). */
    failUp: Record<string, { message: string; afterRollout?: boolean }>;
    failRefresh: Record<string, string>;
    refreshPreview: Record<string, Json>;
    /** What a preview of each stack proposes (default: the service and its task definition). */
    previewSteps: Record<string, PlannedResource[]>;
    /** Mandatory policy violations `--policy-pack` finds per stack, as the CLI lists them. */
    policyViolations: Record<string, string[]>;
    /** Between a preview and `up --plan`, this changed in the stack (its plan no longer applies). */
    changedSincePreview: Record<string, string>;
  };
  github: {
    nextId: number;
    labels: string[];
    issues: {
      number: number;
      title: string;
      body: string;
      labels: string[];
      state: string;
      comments: string[];
    }[];
    comments: { id: number; issue: number; user: { login: string }; body: string }[];
    pulls: { number: number; state: string }[];
  };
  aws: {
    clusters: Record<string, Record<string, Json>>;
    instances: Record<string, Record<string, Json>>;
    taskDefinitions: Record<string, Record<string, Json>>;
    tasks: Record<string, Json>[];
    securityGroups: Record<string, Record<string, Json>>;
    /** Each cluster's master password (no AWS API returns it); a restored clone starts with its source's. */
    passwords: Record<string, string>;
    /** The password the stack's database secret (DB_SECRET_ARN) holds: what a task uses without DB_PASSWORD. */
    secretPassword: string;
    /** The log of a task whose database connection failed, by task id (the stub writes it). */
    taskLogs: Record<string, string[]>;
    subnetGroups: Record<string, Record<string, Json>>;
    clusterSnapshots: Record<string, Record<string, Json>>;
    services: Record<string, Record<string, Json>>;
    waits: string[];
    migrationExitCode: number;
    migrationLog: string[];
    /** The exit code and log of a rehearsal's smoke container (`smoke`). */
    smokeExitCode: number;
    smokeLog: string[];
    lockObjects: { Key: string; LastModified: string }[];
    tagged: Json[];
  };
  /**
   * `parity verify` of these URLs fails; of those in `skewFailUrls`, only its previous-assets
   * check (an asset of the page saved before the deploy no longer loads).
   */
  verify: { failUrls: string[]; skewFailUrls: string[] };
  /** `parity functional` of these URLs has a failing test. */
  functional: { failUrls: string[] };
  /** The page each live base URL serves (`curl URL/`); a URL not here does not answer. */
  pages: Record<string, string>;
  parityFailures: Record<string, string>;
  app: { release: string; schemaVersion: number };
}

/** A world with nothing deployed, a DIY backend, no issues and no pull requests. */
export function emptyWorld(): World {
  return {
    pulumi: {
      backend: "diy",
      organization: "acme",
      project: "parity-stack",
      version: "3.248.0",
      clock: Date.UTC(2026, 10, 20, 9, 0, 0) / 1000,
      stacks: {},
      stackFiles: {},
      jobStackFiles: {},
      programOutputs: {},
      failUp: {},
      failRefresh: {},
      refreshPreview: {},
      previewSteps: {},
      policyViolations: {},
      changedSincePreview: {},
    },
    github: { nextId: 100, labels: [], issues: [], comments: [], pulls: [] },
    aws: {
      clusters: {},
      instances: {},
      taskDefinitions: {},
      tasks: [],
      securityGroups: {},
      passwords: {},
      secretPassword: "",
      taskLogs: {},
      subnetGroups: {},
      clusterSnapshots: {},
      services: {},
      waits: [],
      migrationExitCode: 0,
      migrationLog: ["migrations: 12 → 13", "pre-check: 0 rows violate the new constraint"],
      smokeExitCode: 0,
      smokeLog: ["PASS the live release answers /release at schema version 13"],
      lockObjects: [],
      tagged: [],
    },
    verify: { failUrls: [], skewFailUrls: [] },
    functional: { failUrls: [] },
    pages: {},
    parityFailures: {},
    app: { release: "", schemaVersion: 13 },
  };
}
