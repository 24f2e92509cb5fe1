#!/usr/bin/env node
// Stub `aws` (AWS CLI v2) over the world's database clusters, instances, cluster snapshots, subnet
// groups, security groups, task definitions and tasks. Response shapes are the APIs' own (RDS
// DescribeDBClusters, CreateDBClusterSnapshot, DescribeDBClusterSnapshots,
// ModifyDBClusterSnapshotAttribute, DescribeDBSubnetGroups, EC2 AuthorizeSecurityGroupIngress, ECS
// RunTask/DescribeTasks, CloudWatch Logs GetLogEvents, S3 ListObjectsV2, Resource Groups Tagging
// GetResources); `--query` is JMESPath evaluated by jmespath (the AWS CLI's own query language) and
// `--output text` prints scalars as they are and null as "None", as the CLI does. A missing
// resource fails with the service's error code and exit 254.
// - RDS ModifyDBCluster (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html,
//   https://docs.aws.amazon.com/cli/latest/reference/rds/modify-db-cluster.html): answers
//   {DBCluster}; MasterUserPassword can't be given with ManageMasterUserPassword turned on
//   (InvalidParameterCombination); a cluster that is not available refuses
//   (InvalidDBClusterStateFault); with ApplyImmediately the new password is applied
//   asynchronously (status resetting-master-credentials until `wait db-cluster-available`). No
//   RDS API returns a password: the world keeps each cluster's in `aws.passwords`, and a clone
//   restored from a cluster starts with its source's.
// - RDS DeleteDBInstance and DeleteDBCluster (API_DeleteDBInstance.html, API_DeleteDBCluster.html)
//   answer {DBInstance} / {DBCluster} in status "deleting"; a cluster refuses while an instance of
//   it is not deleting ("Cluster cannot be deleted, it still contains DB instances in non-deleting
//   state."); a cluster with DeletionProtection refuses (InvalidParameterCombination). Both stay,
//   deleting, until `wait db-instance-deleted` / `wait db-cluster-deleted`
//   (https://docs.aws.amazon.com/cli/latest/reference/rds/wait/db-cluster-deleted.html), which
//   succeed once the resource is gone and fail (exit 255, "Waiter … failed: Max attempts
//   exceeded") for one nobody is deleting.
// - EC2 CreateSecurityGroup with --tag-specifications
//   (https://docs.aws.amazon.com/cli/latest/reference/ec2/create-security-group.html) answers
//   {GroupId, Tags}; DescribeSecurityGroups
//   (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html)
//   filters by --group-ids and `Name=tag:<key>,Values=<value>`; DeleteSecurityGroup
//   (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html) answers
//   {Return, GroupId} and fails with DependencyViolation while a cluster (its network interfaces)
//   still uses the group.
"use strict";
const jmespath = require("jmespath");
const { load, save, fail, parseFlags, main } = require("./world");

const GLOBAL = { query: "value", output: "value", region: "value", "no-cli-pager": "bool" };
const world = load();
const aws = world.aws;

const SPECS = {
  "rds describe-db-clusters": { "db-cluster-identifier": "value", filters: "value" },
  "rds describe-db-instances": { "db-instance-identifier": "value", filters: "value" },
  "rds restore-db-cluster-to-point-in-time": {
    "restore-type": "value",
    "source-db-cluster-identifier": "value",
    "use-latest-restorable-time": "bool",
    "db-cluster-identifier": "value",
    "db-subnet-group-name": "value",
    "vpc-security-group-ids": "list",
    "serverless-v2-scaling-configuration": "value",
    tags: "list",
  },
  "rds create-db-instance": {
    "db-instance-identifier": "value",
    "db-cluster-identifier": "value",
    engine: "value",
    "db-instance-class": "value",
    tags: "list",
  },
  "rds wait": {
    "db-instance-identifier": "value",
    "db-cluster-identifier": "value",
    "db-cluster-snapshot-identifier": "value",
  },
  "rds describe-db-subnet-groups": { "db-subnet-group-name": "value" },
  "rds create-db-cluster-snapshot": {
    "db-cluster-identifier": "value",
    "db-cluster-snapshot-identifier": "value",
    tags: "list",
  },
  "rds describe-db-cluster-snapshots": { "db-cluster-snapshot-identifier": "value" },
  "rds delete-db-cluster-snapshot": { "db-cluster-snapshot-identifier": "value" },
  "rds modify-db-cluster-snapshot-attribute": {
    "db-cluster-snapshot-identifier": "value",
    "attribute-name": "value",
    "values-to-add": "list",
  },
  "rds delete-db-instance": { "db-instance-identifier": "value", "skip-final-snapshot": "bool" },
  "rds delete-db-cluster": { "db-cluster-identifier": "value", "skip-final-snapshot": "bool" },
  "rds modify-db-cluster": {
    "db-cluster-identifier": "value",
    "master-user-password": "value",
    "manage-master-user-password": "bool",
    "no-manage-master-user-password": "bool",
    "apply-immediately": "bool",
  },
  "ecs describe-services": { cluster: "value", services: "list" },
  "ecs describe-task-definition": { "task-definition": "value" },
  "ecs register-task-definition": { "cli-input-json": "value" },
  "ecs deregister-task-definition": { "task-definition": "value" },
  "ecs run-task": {
    cluster: "value",
    "task-definition": "value",
    "launch-type": "value",
    count: "value",
    "started-by": "value",
    "network-configuration": "value",
    overrides: "value",
  },
  "ecs describe-tasks": { cluster: "value", tasks: "list" },
  "ecs stop-task": { cluster: "value", task: "value", reason: "value" },
  "logs get-log-events": {
    "start-from-head": "bool",
    limit: "value",
    "log-group-name": "value",
    "log-stream-name": "value",
  },
  "s3api list-objects-v2": { bucket: "value", prefix: "value" },
  "resourcegroupstaggingapi get-resources": { "tag-filters": "list" },
  "ec2 create-security-group": {
    "group-name": "value",
    description: "value",
    "vpc-id": "value",
    "tag-specifications": "list",
  },
  "ec2 delete-security-group": { "group-id": "value" },
  "ec2 describe-security-groups": { "group-ids": "list", filters: "list" },
  "ec2 authorize-security-group-ingress": {
    "group-id": "value",
    protocol: "value",
    port: "value",
    "source-group": "value",
  },
};

/** Multi-value options (`--tags A B`) take every word up to the next option. */
function parse(tool, args, spec) {
  const flat = { ...GLOBAL };
  const lists = new Set();
  for (const [name, kind] of Object.entries(spec)) {
    flat[name] = kind === "list" ? "value" : kind;
    if (kind === "list") lists.add(name);
  }
  const joined = [];
  for (let i = 0; i < args.length; i++) {
    joined.push(args[i]);
    if (args[i].startsWith("--") && lists.has(args[i].slice(2))) {
      const values = [];
      while (i + 1 < args.length && !args[i + 1].startsWith("--")) values.push(args[++i]);
      joined.push(JSON.stringify(values));
    }
  }
  const parsed = parseFlags(tool, joined, flat);
  const list = (name) => (parsed.one(name) === undefined ? [] : JSON.parse(parsed.one(name)));
  return { ...parsed, list };
}

function notFound(code, message) {
  fail(`\nAn error occurred (${code}) when calling the operation: ${message}`, 254);
}

function out(value, one) {
  const query = one("query");
  const result = query === undefined ? value : jmespath.search(value, query);
  if ((one("output") ?? "json") === "text") {
    const text = (v) =>
      v === null || v === undefined
        ? "None"
        : typeof v === "object"
          ? Array.isArray(v)
            ? v.map(text).join("\t")
            : JSON.stringify(v)
          : String(v);
    process.stdout.write(text(result) + "\n");
  } else {
    process.stdout.write(JSON.stringify(result ?? null, null, 4) + "\n");
  }
}

function snapshot(id) {
  const found = aws.clusterSnapshots[id];
  if (found === undefined)
    notFound("DBClusterSnapshotNotFoundFault", `DBClusterSnapshot ${id} not found.`);
  return found;
}

function cluster(id) {
  const found = aws.clusters[id];
  if (found === undefined) notFound("DBClusterNotFoundFault", `DBCluster ${id} not found.`);
  return found;
}

/**
 * Why a task's database connection fails, or undefined when it connects (or names no host). Its
 * first container's environment with run-task's overrides names the host (DB_WRITER_HOST, a
 * cluster's Endpoint) and the password (DB_PASSWORD, else the stack's secret, which holds
 * `aws.secretPassword`); the cluster admits the task when one of its security groups allows one of
 * the task's groups on its port.
 */
function connection(definition, overrides, groups) {
  const container = definition?.containerDefinitions?.[0];
  if (container === undefined) return undefined;
  const env = Object.fromEntries((container.environment ?? []).map((e) => [e.name, e.value]));
  for (const o of overrides.containerOverrides ?? [])
    if (o.name === container.name) for (const e of o.environment ?? []) env[e.name] = e.value;
  const host = env.DB_WRITER_HOST;
  if (host === undefined) return undefined;
  const target = Object.values(aws.clusters).find((c) => c.Endpoint === host);
  if (target === undefined || target.Status === "deleting")
    return `Error: getaddrinfo ENOTFOUND ${host}`;
  const port = target.Port ?? 5432;
  const admitted = (target.VpcSecurityGroups ?? []).some((g) =>
    (aws.securityGroups[g.VpcSecurityGroupId]?.IpPermissions ?? []).some(
      (p) =>
        p.FromPort <= port &&
        port <= p.ToPort &&
        (p.UserIdGroupPairs ?? []).some((pair) => groups.includes(pair.GroupId)),
    ),
  );
  if (!admitted) return `Error: connect ETIMEDOUT ${host}:${String(port)}`;
  if ((env.DB_SECRET_ARN ?? "") !== "" && (env.DB_PASSWORD ?? "") !== "")
    return "DB_SECRET_ARN is set and so is a password (DB_PASSWORD or one in WRITER_URL/READER_URL).";
  const password = (env.DB_PASSWORD ?? "") !== "" ? env.DB_PASSWORD : aws.secretPassword;
  if (password !== aws.passwords[target.DBClusterIdentifier])
    return `error: password authentication failed for user "parity"`;
  return undefined;
}

const commands = {
  "rds describe-db-clusters"({ one }) {
    const id = one("db-cluster-identifier");
    out({ DBClusters: id === undefined ? Object.values(aws.clusters) : [cluster(id)] }, one);
  },
  "rds describe-db-instances"({ one }) {
    const id = one("db-instance-identifier");
    const filter = /^Name=db-cluster-id,Values=(.+)$/.exec(one("filters") ?? "")?.[1];
    const instances = Object.values(aws.instances).filter(
      (i) =>
        (id === undefined || i.DBInstanceIdentifier === id) &&
        (filter === undefined || i.DBClusterIdentifier === filter),
    );
    if (id !== undefined && instances.length === 0)
      notFound("DBInstanceNotFound", `DBInstance ${id} not found.`);
    out({ DBInstances: instances }, one);
  },
  "rds restore-db-cluster-to-point-in-time"({ one, list }) {
    const source = cluster(one("source-db-cluster-identifier"));
    const id = one("db-cluster-identifier");
    const tags = list("tags").map((tag) =>
      Object.fromEntries(tag.split(",").map((kv) => kv.split("="))),
    );
    aws.clusters[id] = {
      ...source,
      DBClusterIdentifier: id,
      Status: "creating",
      DeletionProtection: false,
      ClusterCreateTime: new Date().toISOString(),
      Endpoint: `${id}.cluster-abc.eu-west-1.rds.amazonaws.com`,
      VpcSecurityGroups: list("vpc-security-group-ids").map((g) => ({
        VpcSecurityGroupId: g,
        Status: "active",
      })),
      TagList: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    aws.passwords[id] = aws.passwords[source.DBClusterIdentifier];
    out({ DBCluster: aws.clusters[id] }, one);
  },
  "rds create-db-instance"({ one, list }) {
    const id = one("db-instance-identifier");
    cluster(one("db-cluster-identifier"));
    aws.instances[id] = {
      DBInstanceIdentifier: id,
      DBClusterIdentifier: one("db-cluster-identifier"),
      DBInstanceClass: one("db-instance-class"),
      Engine: one("engine"),
      DBInstanceStatus: "creating",
      TagList: list("tags").map((tag) =>
        Object.fromEntries(tag.split(",").map((kv) => kv.split("="))),
      ),
    };
    out({ DBInstance: aws.instances[id] }, one);
  },
  "rds wait"({ one, positional }) {
    const [waiter] = positional;
    const id =
      one("db-instance-identifier") ??
      one("db-cluster-snapshot-identifier") ??
      one("db-cluster-identifier");
    aws.waits.push(`${waiter} ${id}`);
    const stuck = (name) => fail(`\nWaiter ${name} failed: Max attempts exceeded`, 255);
    if (waiter === "db-instance-available") {
      aws.instances[id].DBInstanceStatus = "available";
      // An Aurora cluster is available before its first instance is.
      const owner = aws.clusters[aws.instances[id].DBClusterIdentifier];
      if (owner?.Status === "creating") owner.Status = "available";
    } else if (waiter === "db-cluster-available") {
      const found = cluster(id);
      if (found.Status === "deleting") stuck("DBClusterAvailable");
      found.Status = "available";
    } else if (waiter === "db-cluster-snapshot-available") snapshot(id).Status = "available";
    else if (waiter === "db-instance-deleted") {
      const found = aws.instances[id];
      if (found !== undefined && found.DBInstanceStatus !== "deleting") stuck("DBInstanceDeleted");
      Reflect.deleteProperty(aws.instances, id);
    } else if (waiter === "db-cluster-deleted") {
      const found = aws.clusters[id];
      if (found !== undefined && found.Status !== "deleting") stuck("DBClusterDeleted");
      Reflect.deleteProperty(aws.clusters, id);
      for (const [name, i] of Object.entries(aws.instances))
        if (i.DBClusterIdentifier === id) Reflect.deleteProperty(aws.instances, name);
    } else fail(`stub: waiter ${waiter} is not replayed`, 2);
  },
  "rds describe-db-subnet-groups"({ one }) {
    const group = aws.subnetGroups[one("db-subnet-group-name")];
    if (group === undefined)
      notFound(
        "DBSubnetGroupNotFoundFault",
        `DB subnet group '${one("db-subnet-group-name")}' not found.`,
      );
    out({ DBSubnetGroups: [group] }, one);
  },
  "rds create-db-cluster-snapshot"({ one, list }) {
    const source = cluster(one("db-cluster-identifier"));
    const id = one("db-cluster-snapshot-identifier");
    if (aws.clusterSnapshots[id] !== undefined)
      fail(
        `\nAn error occurred (DBClusterSnapshotAlreadyExistsFault) when calling the CreateDBClusterSnapshot operation: Cannot create the cluster snapshot because one with the identifier ${id} already exists.`,
        254,
      );
    const account =
      /^arn:aws:rds:[^:]+:(\d{12}):/.exec(source.DBClusterArn ?? "")?.[1] ?? "123456789012";
    aws.clusterSnapshots[id] = {
      DBClusterSnapshotIdentifier: id,
      DBClusterIdentifier: source.DBClusterIdentifier,
      DBClusterSnapshotArn: `arn:aws:rds:eu-west-1:${account}:cluster-snapshot:${id}`,
      Engine: source.Engine,
      SnapshotType: "manual",
      Status: "creating",
      StorageEncrypted: true,
      TagList: list("tags").map((tag) =>
        Object.fromEntries(tag.split(",").map((kv) => kv.split("="))),
      ),
      SharedWith: [],
    };
    out({ DBClusterSnapshot: aws.clusterSnapshots[id] }, one);
  },
  "rds describe-db-cluster-snapshots"({ one }) {
    out({ DBClusterSnapshots: [snapshot(one("db-cluster-snapshot-identifier"))] }, one);
  },
  "rds delete-db-cluster-snapshot"({ one }) {
    const id = one("db-cluster-snapshot-identifier");
    const deleted = { ...snapshot(id), Status: "deleted" };
    Reflect.deleteProperty(aws.clusterSnapshots, id);
    out({ DBClusterSnapshot: deleted }, one);
  },
  "rds modify-db-cluster-snapshot-attribute"({ one, list }) {
    const id = one("db-cluster-snapshot-identifier");
    const found = snapshot(id);
    if (one("attribute-name") !== "restore")
      fail(
        "\nAn error occurred (InvalidParameterValue) when calling the ModifyDBClusterSnapshotAttribute operation: The attribute name must be restore.",
        254,
      );
    found.SharedWith = [...new Set([...found.SharedWith, ...list("values-to-add")])];
    out(
      {
        DBClusterSnapshotAttributesResult: {
          DBClusterSnapshotIdentifier: id,
          DBClusterSnapshotAttributes: [
            { AttributeName: "restore", AttributeValues: found.SharedWith },
          ],
        },
      },
      one,
    );
  },
  "rds delete-db-instance"({ one }) {
    const id = one("db-instance-identifier");
    const found = aws.instances[id];
    if (found === undefined) notFound("DBInstanceNotFound", `DBInstance ${id} not found.`);
    if (found.DBInstanceStatus === "deleting")
      fail(
        `\nAn error occurred (InvalidDBInstanceState) when calling the DeleteDBInstance operation: Instance ${id} is already being deleted.`,
        254,
      );
    found.DBInstanceStatus = "deleting";
    out({ DBInstance: found }, one);
  },
  "rds delete-db-cluster"({ one }) {
    const id = one("db-cluster-identifier");
    const found = cluster(id);
    if (found.DeletionProtection === true)
      fail(
        `\nAn error occurred (InvalidParameterCombination) when calling the DeleteDBCluster operation: Cannot delete protected Cluster, please disable deletion protection and try again.`,
        254,
      );
    if (
      Object.values(aws.instances).some(
        (i) => i.DBClusterIdentifier === id && i.DBInstanceStatus !== "deleting",
      )
    )
      fail(
        `\nAn error occurred (InvalidDBClusterStateFault) when calling the DeleteDBCluster operation: Cluster cannot be deleted, it still contains DB instances in non-deleting state.`,
        254,
      );
    found.Status = "deleting";
    out({ DBCluster: found }, one);
  },
  "rds modify-db-cluster"({ one, flags }) {
    const id = one("db-cluster-identifier");
    const found = cluster(id);
    const password = one("master-user-password");
    if (password !== undefined && flags["manage-master-user-password"] === true)
      fail(
        "\nAn error occurred (InvalidParameterCombination) when calling the ModifyDBCluster operation: You can't specify MasterUserPassword and ManageMasterUserPassword at the same time.",
        254,
      );
    if ((found.Status ?? "available") !== "available")
      fail(
        `\nAn error occurred (InvalidDBClusterStateFault) when calling the ModifyDBCluster operation: DBCluster ${id} is not in the available state.`,
        254,
      );
    if (flags["manage-master-user-password"] === true)
      found.MasterUserSecret = {
        SecretArn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-${id}`,
      };
    if (password !== undefined) {
      Reflect.deleteProperty(found, "MasterUserSecret");
      aws.passwords[id] = password;
      if (flags["apply-immediately"] === true) found.Status = "resetting-master-credentials";
    }
    out({ DBCluster: found }, one);
  },
  "ecs describe-task-definition"({ one }) {
    const def = aws.taskDefinitions[one("task-definition")];
    if (def === undefined)
      fail(
        "\nAn error occurred (ClientException) when calling the DescribeTaskDefinition operation: Unable to describe task definition.",
        254,
      );
    out({ taskDefinition: def }, one);
  },
  "ecs register-task-definition"({ one }) {
    const input = JSON.parse(one("cli-input-json"));
    const arn = `arn:aws:ecs:eu-west-1:123456789012:task-definition/${input.family}:1`;
    aws.taskDefinitions[arn] = { ...input, taskDefinitionArn: arn };
    out({ taskDefinition: aws.taskDefinitions[arn] }, one);
  },
  "ecs deregister-task-definition"({ one }) {
    Reflect.deleteProperty(aws.taskDefinitions, one("task-definition"));
    out({}, one);
  },
  "ecs describe-services"({ one, list }) {
    const found = list("services").map((name) => aws.services[name]);
    out(
      {
        services: found.filter((s) => s !== undefined),
        failures: list("services")
          .filter((name) => aws.services[name] === undefined)
          .map((name) => ({ arn: name, reason: "MISSING" })),
      },
      one,
    );
  },
  "ecs run-task"({ one }) {
    const arn = `arn:aws:ecs:eu-west-1:123456789012:task/${one("cluster")}/${"0".repeat(31)}${aws.tasks.length + 1}`;
    const overrides = JSON.parse(one("overrides") ?? "{}");
    // A rehearsal's smoke task stops when its essential `smoke` container exits; any other task
    // runs the migration container.
    const names = (aws.taskDefinitions[one("task-definition")]?.containerDefinitions ?? []).map(
      (c) => c.name,
    );
    const network = JSON.parse(one("network-configuration"));
    const refused = connection(
      aws.taskDefinitions[one("task-definition")],
      overrides,
      network.awsvpcConfiguration?.securityGroups ?? [],
    );
    const task = {
      taskArn: arn,
      taskDefinitionArn: one("task-definition"),
      lastStatus: "STOPPED",
      stoppedReason: "Essential container in task exited",
      containers: names.includes("smoke")
        ? names.map((name) => ({
            name,
            exitCode: name === "smoke" ? (refused === undefined ? aws.smokeExitCode : 1) : 137,
          }))
        : [{ name: "migrate", exitCode: refused === undefined ? aws.migrationExitCode : 1 }],
      overrides,
      network,
    };
    if (refused !== undefined) aws.taskLogs[arn.split("/").at(-1)] = [refused];
    aws.tasks.push(task);
    out({ tasks: [task], failures: [] }, one);
  },
  "ecs describe-tasks"({ one, list }) {
    out({ tasks: aws.tasks.filter((t) => list("tasks").includes(t.taskArn)), failures: [] }, one);
  },
  "ecs stop-task"({ one }) {
    out({ task: aws.tasks.find((t) => t.taskArn === one("task")) }, one);
  },
  "logs get-log-events"({ one }) {
    const stream = one("log-stream-name");
    const log =
      aws.taskLogs[stream.split("/").at(-1)] ??
      (stream.includes("/smoke/") ? aws.smokeLog : aws.migrationLog);
    out(
      {
        events: log.map((message, i) => ({
          timestamp: 1700000000000 + i,
          message,
          ingestionTime: 1700000000000 + i,
        })),
      },
      one,
    );
  },
  "s3api list-objects-v2"({ one }) {
    const contents = aws.lockObjects.filter((o) => o.Key.startsWith(one("prefix") ?? ""));
    out(
      contents.length === 0
        ? { RequestCharged: null, Prefix: one("prefix") }
        : { Contents: contents, RequestCharged: null, Prefix: one("prefix") },
      one,
    );
  },
  "resourcegroupstaggingapi get-resources"({ one }) {
    out({ ResourceTagMappingList: aws.tagged }, one);
  },
  "ec2 create-security-group"({ one, list }) {
    const id = `sg-0${"1234567".slice(0, 7)}${Object.keys(aws.securityGroups).length}`;
    // Shorthand: ResourceType=security-group,Tags=[{Key=k,Value=v},…]
    const tags = list("tag-specifications").flatMap((spec) =>
      /^ResourceType=security-group,/.test(spec)
        ? [...spec.matchAll(/\{Key=([^,}]*),Value=([^}]*)\}/g)].map((m) => ({
            Key: m[1],
            Value: m[2],
          }))
        : [],
    );
    aws.securityGroups[id] = {
      GroupId: id,
      GroupName: one("group-name"),
      Description: one("description"),
      VpcId: one("vpc-id"),
      IpPermissions: [],
      ...(tags.length === 0 ? {} : { Tags: tags }),
    };
    out({ GroupId: id, ...(tags.length === 0 ? {} : { Tags: tags }) }, one);
  },
  "ec2 delete-security-group"({ one }) {
    const id = one("group-id");
    if (aws.securityGroups[id] === undefined)
      fail(
        `\nAn error occurred (InvalidGroup.NotFound) when calling the DeleteSecurityGroup operation: The security group '${id}' does not exist`,
        254,
      );
    if (
      Object.values(aws.clusters).some((c) =>
        (c.VpcSecurityGroups ?? []).some((g) => g.VpcSecurityGroupId === id),
      )
    )
      fail(
        `\nAn error occurred (DependencyViolation) when calling the DeleteSecurityGroup operation: resource ${id} has a dependent object`,
        254,
      );
    Reflect.deleteProperty(aws.securityGroups, id);
    out({ Return: true, GroupId: id }, one);
  },
  "ec2 describe-security-groups"({ one, list }) {
    const ids = list("group-ids");
    const tagFilters = list("filters").map((filter) => {
      const match = /^Name=tag:([^,]+),Values=(.+)$/.exec(filter);
      if (match === null) fail(`stub: filter ${filter} is not replayed`, 2);
      return { key: match[1], values: match[2].split(",") };
    });
    const missing = ids.find((id) => aws.securityGroups[id] === undefined);
    if (missing !== undefined)
      fail(
        `\nAn error occurred (InvalidGroup.NotFound) when calling the DescribeSecurityGroups operation: The security group '${missing}' does not exist`,
        254,
      );
    const groups = Object.values(aws.securityGroups).filter(
      (g) =>
        (ids.length === 0 || ids.includes(g.GroupId)) &&
        tagFilters.every((f) =>
          (g.Tags ?? []).some((t) => t.Key === f.key && f.values.includes(t.Value)),
        ),
    );
    out({ SecurityGroups: groups }, one);
  },
  "ec2 authorize-security-group-ingress"({ one }) {
    const group = aws.securityGroups[one("group-id")];
    const rule = {
      SecurityGroupRuleId: `sgr-0${group.IpPermissions.length + 1}`,
      GroupId: one("group-id"),
      IsEgress: false,
      IpProtocol: one("protocol"),
      FromPort: Number(one("port")),
      ToPort: Number(one("port")),
      ReferencedGroupInfo: { GroupId: one("source-group") },
    };
    group.IpPermissions.push({
      IpProtocol: rule.IpProtocol,
      FromPort: rule.FromPort,
      ToPort: rule.ToPort,
      UserIdGroupPairs: [{ GroupId: one("source-group") }],
      IpRanges: [],
    });
    out({ Return: true, SecurityGroupRules: [rule] }, one);
  },
};

main(
  "aws",
  (args) => {
    const command = args.slice(0, 2).join(" ");
    const spec = SPECS[command];
    if (spec === undefined)
      fail(`\naws: error: argument operation: Invalid choice (stub): ${command}`, 252);
    const parsed = parse("aws", args.slice(2), spec);
    commands[command]({
      one: parsed.one,
      list: parsed.list,
      flags: parsed.flags,
      positional: parsed.positional,
    });
    save(world);
  },
  252,
);
