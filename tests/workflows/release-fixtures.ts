import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { World } from "./harness/world";

/** An image pinned by digest, as staging exports it. */
export function image(hexDigit: string): string {
  return `123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack-staging-app@sha256:${hexDigit.repeat(64)}`;
}

/** What `pulumi stack output --json` of prod answers in these tests. */
export const PROD_OUTPUTS = {
  hostname: "app.parity-stack.io",
  releaseId: `sha256:${"b".repeat(64)}`,
  imageRef: image("b"),
  clusterName: "app-cluster-1a2b3c4",
  serviceName: "app-service-1a2b3c4",
  migrationTaskDefinitionArn:
    "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-cluster-1a2b3c4-migrate:7",
  privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  taskSecurityGroupId: "sg-0tasks",
  databaseClusterIdentifier: "parity-stack-prod",
};

/** Production's master password, which its database secret holds. */
export const PROD_PASSWORD = "production-master-password";

/**
 * Production's database as AWS describes it: its cluster (deletion-protected, its password in the
 * stack's secret), writer, subnet group and migration task.
 */
export function addProdDatabase(w: World): void {
  w.aws.clusters["parity-stack-prod"] = {
    DBClusterIdentifier: "parity-stack-prod",
    DBClusterArn: "arn:aws:rds:eu-west-1:123456789012:cluster:parity-stack-prod",
    Engine: "aurora-postgresql",
    Status: "available",
    DeletionProtection: true,
    Port: 5432,
    DBSubnetGroup: "parity-stack-prod-db",
    VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-0db", Status: "active" }],
    Endpoint: "parity-stack-prod.cluster-abc.eu-west-1.rds.amazonaws.com",
  };
  w.aws.passwords["parity-stack-prod"] = PROD_PASSWORD;
  w.aws.secretPassword = PROD_PASSWORD;
  w.aws.instances["parity-stack-prod-writer"] = {
    DBInstanceIdentifier: "parity-stack-prod-writer",
    DBClusterIdentifier: "parity-stack-prod",
    DBInstanceClass: "db.r7g.large",
  };
  w.aws.subnetGroups["parity-stack-prod-db"] = {
    DBSubnetGroupName: "parity-stack-prod-db",
    VpcId: "vpc-0prod",
    SubnetGroupStatus: "Complete",
  };
  w.aws.taskDefinitions[PROD_OUTPUTS.migrationTaskDefinitionArn] = {
    family: "app-cluster-1a2b3c4-migrate",
    containerDefinitions: [
      {
        name: "migrate",
        image: image("b"),
        command: ["node", "dist/migrate-cli.js"],
        logConfiguration: {
          options: { "awslogs-group": "/ecs/app", "awslogs-stream-prefix": "app" },
        },
      },
    ],
  };
}

/**
 * A stub `pulumi`: `stack output` answers from `$PULUMI_OUTPUTS` (all as JSON, or one value),
 * `stack history` update version 17, `preview` one changed service, `config set` nothing, and `up`
 * fails with `$PULUMI_UP_ERROR` when that is set.
 */
export const PULUMI_STUB = `
case "$1" in
  stack)
    if [ "$2" = history ]; then printf '[{"version": 17}]'; exit 0; fi
    if [ "$3" = --json ]; then printf '%s' "$PULUMI_OUTPUTS"; else jq -r --arg k "$3" '.[$k]' <<<"$PULUMI_OUTPUTS"; fi ;;
  up)
    if [ -n "\${PULUMI_UP_ERROR:-}" ]; then echo "$PULUMI_UP_ERROR" >&2; exit 255; fi ;;
  preview) printf '  ~ pulumi-nodejs:dynamic/parity:MigrationRun app-migration update\\n  ~ aws:ecs/service:Service app-service update\\n' ;;
esac`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
    { cwd, encoding: "utf8" },
  ).trim();
}

/** A repository with an `origin` (a local bare repository) and three commits on main. */
export interface GitFixture {
  readonly work: string;
  readonly origin: string;
  /** The commits of main, oldest first. */
  readonly commits: readonly [string, string, string];
  git(...args: string[]): string;
  /** Creates the annotated tag `name` at `commit` recording `imageRef`, here and on origin. */
  tag(name: string, commit: string, imageRef: string): void;
  /** The commit a tag names on origin, or "" when origin has no such tag. */
  remoteTag(name: string): string;
}

export function gitFixture(): GitFixture {
  const root = mkdtempSync(path.join(tmpdir(), "release-git-"));
  const origin = path.join(root, "origin.git");
  const work = path.join(root, "work");
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", origin]);
  execFileSync("git", ["clone", "--quiet", origin, work], { stdio: "ignore" });
  const commits = ["one", "two", "three"].map((n) => {
    git(work, "commit", "--quiet", "--allow-empty", "--message", n);
    return git(work, "rev-parse", "HEAD");
  }) as [string, string, string];
  git(work, "push", "--quiet", "origin", "main");
  return {
    work,
    origin,
    commits,
    git: (...args) => git(work, ...args),
    tag(name, commit, imageRef) {
      git(
        work,
        "tag",
        "--force",
        "--annotate",
        name,
        "--message",
        `Release ${commit}\n\nimage: ${imageRef}\n`,
        commit,
      );
      git(work, "push", "--quiet", "--force", "origin", `refs/tags/${name}`);
    },
    remoteTag(name) {
      try {
        return git(origin, "rev-parse", "--verify", "--quiet", `refs/tags/${name}^{commit}`);
      } catch {
        return "";
      }
    },
  };
}
