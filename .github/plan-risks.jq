# What in production's saved update plan needs the extra approval of the GitHub environment
# `production-destructive` before it is applied (promote.yml). The input is the file
# `pulumi preview --save-plan` writes (apitype.DeploymentPlanV1: resourcePlans by URN, each with
# the engine's steps, apitype.OpType). Prints one line per such resource: the operation, its type
# and its name.
#
# - A stateful resource replaced or deleted: its data goes with it (the database cluster and its
#   instances, the asset bucket, an image repository, a log group's logs).
# - An IAM or security-group resource created, updated or replaced: it may broaden who can do or
#   reach what. Telling a narrowing from a broadening needs the policy's semantics, so every such
#   change asks; deleting one only takes access away.

def type_of: split("::")[2] | split("$") | last;
def name_of: split("::")[3:] | join("::");

def stateful:
  IN(
    "aws:rds/cluster:Cluster",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:s3/bucket:Bucket",
    "aws:ecr/repository:Repository",
    "aws:cloudwatch/logGroup:LogGroup"
  );

def access:
  startswith("aws:iam/") or
  IN(
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
  );

def operation($type):
  if ($type | stateful) then
    [.[] | select(IN("replace", "create-replacement", "delete-replaced", "delete"))]
  elif ($type | access) then
    [.[] | select(IN("create", "update", "replace", "create-replacement"))]
  else [] end
  | first // empty
  | if IN("create-replacement", "delete-replaced") then "replace" else . end;

(.resourcePlans // {}) | to_entries[]
| (.key | type_of) as $type
| (.value.steps // [] | operation($type)) as $operation
| "\($operation) \($type) \(.key | name_of)"
