import { ROLE_POWER_ACTIONS, type Statement } from "./policy-document";
import type { StateRefs } from "./state-access";

/** What pushing an image needs: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html */
const PUSH_ACTIONS = [
  "ecr:InitiateLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:CompleteLayerUpload",
  "ecr:PutImage",
  "ecr:BatchDeleteImage",
  "ecr:DeleteRepository",
  "ecr:SetRepositoryPolicy",
  "ecr:PutLifecyclePolicy",
];

/**
 * The permissions boundary of the preview deploy role and of every role any stack creates: the
 * most such a role may ever do, whatever its own policies say
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html). Everything,
 * except: reading or changing staging's and production's state and secrets keys, pushing to or
 * deleting from the shared image registry production pulls from, creating or empowering a role
 * that does not carry this same boundary, removing a boundary, and changing this policy.
 */
export function boundaryStatements(args: {
  readonly selfArn: string;
  readonly protectedState: readonly StateRefs[];
  readonly registryArn: string;
}): Statement[] {
  const buckets = args.protectedState.flatMap((s) => [s.bucketArn, `${s.bucketArn}/*`]);
  return [
    { Sid: "AtMost", Effect: "Allow", Action: ["*"], Resource: "*" },
    { Sid: "NoOtherTiersState", Effect: "Deny", Action: ["s3:*"], Resource: buckets },
    {
      Sid: "NoOtherTiersSecrets",
      Effect: "Deny",
      Action: ["kms:*"],
      Resource: args.protectedState.map((s) => s.keyArn),
    },
    {
      Sid: "NoWritesToPromotedImages",
      Effect: "Deny",
      Action: PUSH_ACTIONS,
      Resource: args.registryArn,
    },
    {
      Sid: "NewRolesCarryThisBoundary",
      Effect: "Deny",
      Action: ROLE_POWER_ACTIONS,
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": args.selfArn } },
    },
    {
      Sid: "KeepBoundaries",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary"],
      Resource: "*",
    },
    {
      Sid: "KeepThisPolicy",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
      ],
      Resource: args.selfArn,
    },
  ];
}
