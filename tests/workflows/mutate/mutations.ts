/**
 * Deliberate breakages of the workflows and actions, each a mistake someone could make, and the
 * test files that must catch it. `npm run mutate:workflows` applies each alone to a scratch copy
 * and runs those tests; tests/workflows/mutations.test.ts keeps every `from` present exactly once.
 */
export interface Mutation {
  readonly name: string;
  readonly file: string;
  /** Text that occurs exactly once in `file`. */
  readonly from: string;
  readonly to: string;
  /** Test files (under tests/workflows) that fail when the mutation is applied. */
  readonly caughtBy: readonly string[];
}

const PR = ".github/workflows/pr-environment.yml";
const PROMOTE = ".github/workflows/promote.yml";
const DRIFT = ".github/workflows/drift.yml";
const DEPLOY_IMAGE = ".github/actions/deploy-image/action.yml";
const FUNCTIONAL = ".github/actions/functional-tests/action.yml";
const ROLLBACK = ".github/workflows/rollback.yml";
const RUN_MIGRATIONS = ".github/actions/run-migrations/action.yml";
const SWEEP = ".github/workflows/rehearsal-sweep.yml";

export const MUTATIONS: readonly Mutation[] = [
  {
    name: "production's first deploy creates its stack with the DIY backend's passphrase provider, not the KMS key",
    file: DEPLOY_IMAGE,
    from: 'pulumi stack select --create "$STACK" --secrets-provider "$PULUMI_SECRETS_PROVIDER" --non-interactive',
    to: 'pulumi stack select --create "$STACK" --non-interactive',
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a pull request's stack is created with the DIY backend's passphrase provider, not the KMS key",
    file: PR,
    from: 'pulumi stack select "$STACK" --create --secrets-provider "$PULUMI_SECRETS_PROVIDER"',
    to: 'pulumi stack select "$STACK" --create',
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "a step condition silences the over-cap comment",
    file: PR,
    from: "      - name: Comment on the pull request that it waits\n        if: steps.capacity.outputs.admitted == 'false'\n",
    to: "      - name: Comment on the pull request that it waits\n        if: steps.capacity.outputs.admitted == 'true'\n",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "the sticky comment's jq looks for a login the real gh never returns",
    file: ".github/actions/sticky-comment/action.yml",
    from: '.user.login == \\"github-actions[bot]\\"',
    to: '.user.login == \\"github-actions\\"',
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "destroy on close matches only names a DIY backend never prints",
    file: PR,
    from: "'any(.[]; .name == $s or (.name | endswith(\"/\" + $s)))'",
    to: "'any(.[]; .name | endswith(\"/\" + $s))'",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "the deploy job's condition is a folded ${{ }}, a string that is always true",
    file: PR,
    from: "      github.event_name == 'pull_request' &&\n      github.event.pull_request.head.repo.full_name == github.repository\n",
    to: "      ${{ github.event_name == 'pull_request' &&\n      github.event.pull_request.head.repo.full_name == github.repository }}\n",
    caughtBy: ["conditions.test.ts", "pr-environment-runs.test.ts"],
  },
  {
    name: "pull requests from forks are deployed",
    file: PR,
    from: "      github.event_name == 'pull_request' &&\n      github.event.pull_request.head.repo.full_name == github.repository\n",
    to: "      github.event_name == 'pull_request'\n",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "the sweeper destroys a stack outside its pull request's concurrency group",
    file: PR,
    from: "      group: pulumi-pr-${{ matrix.pullRequest }}",
    to: "      group: pulumi-pr-${{ matrix.stack }}",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "a pending destroy is cancelled by a newer deploy of the same pull request",
    file: PR,
    from: "      group: pulumi-pr-${{ github.event.pull_request.number }}\n      cancel-in-progress: false\n      queue: max\n    environment: preview\n",
    to: "      group: pulumi-pr-${{ github.event.pull_request.number }}\n      cancel-in-progress: false\n    environment: preview\n",
    caughtBy: ["workflows.test.ts"],
  },
  {
    name: "drift review waits in the deploy groups again",
    file: DRIFT,
    from: "    # The workflow's own group keeps one review at a time.\n",
    to: "    # The workflow's own group keeps one review at a time.\n    concurrency:\n      group: pulumi-${{ matrix.stack }}\n      cancel-in-progress: false\n",
    caughtBy: ["drift-runs.test.ts"],
  },
  {
    name: "a drift issue stays open once the drift is gone",
    file: DRIFT,
    from: '              resolve "$drift_title" "No drift in ${STACK} any more"\n',
    to: "",
    caughtBy: ["drift-runs.test.ts"],
  },
  {
    name: "staging's first release selects a stack that does not exist",
    file: PROMOTE,
    from: 'run: pulumi stack select --create staging --secrets-provider "$PULUMI_SECRETS_PROVIDER" --non-interactive',
    to: "run: pulumi stack select staging --non-interactive",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "the rehearsal looks for production by a name the DIY backend never prints",
    file: PROMOTE,
    from: `'any(.[]; (.name | split("/") | last) == "prod")'`,
    to: `'any(.[]; .name == "organization/parity-stack/prod")'`,
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "production is not rolled back when its deploy fails after the rollout",
    file: PROMOTE,
    from: "      - name: Roll back to LIVE's image\n        id: rollback\n        if: failure() && (steps.deploy.outcome == 'failure' || steps.verify.outcome == 'failure' || steps.functional.outcome == 'failure')",
    to: "      - name: Roll back to LIVE's image\n        id: rollback\n        if: failure() && (steps.verify.outcome == 'failure' || steps.functional.outcome == 'failure')",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a cancelled rehearsal leaves its clone of production's database",
    file: PROMOTE,
    from: "      - name: Destroy the clone\n        if: always()",
    to: "      - name: Destroy the clone\n        if: success() || failure()",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "production's timeout leaves no room for a rollback",
    file: PROMOTE,
    from: "    timeout-minutes: 125\n",
    to: "    timeout-minutes: 60\n",
    caughtBy: ["timeouts.test.ts"],
  },
  {
    name: "the Pulumi CLI is the action's latest, not the locked SDK's version",
    file: ".github/actions/setup/action.yml",
    from: "      with:\n        pulumi-version: ${{ steps.pulumi.outputs.version }}\n",
    to: "",
    caughtBy: ["drift-runs.test.ts"],
  },
  {
    name: "the Cloudflare token is set for the whole job, npm ci's install scripts included",
    file: DRIFT,
    from: "      # PULUMI_ACCESS_TOKEN and CLOUDFLARE_API_TOKEN are set only on the\n",
    to: "      CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n",
    caughtBy: ["drift-runs.test.ts"],
  },
  {
    name: "the rehearsal's migration run reads production's outputs without the Pulumi Cloud token",
    file: PROMOTE,
    from: "      - name: Rehearse the migrations on the clone\n        if: steps.prod.outputs.deployed == 'true'\n        env:\n          PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\n",
    to: "      - name: Rehearse the migrations on the clone\n        if: steps.prod.outputs.deployed == 'true'\n",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "the deployment record names a DIY backend's updates by their version, always 0",
    file: ".github/actions/deploy-image/action.yml",
    from: "jq -r '.[0] | if .version > 0 then .version else .startTime end'",
    to: "jq -r '.[0].version'",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a job reads the output of a job that does not exist",
    file: PROMOTE,
    from: "      IMAGE_REF: ${{ needs.staging.outputs.image-ref }}\n    outputs:",
    to: "      IMAGE_REF: ${{ needs.stagin.outputs.image-ref }}\n    outputs:",
    caughtBy: ["validate.test.ts"],
  },
  {
    name: "rollback deploys the tag's image on main's infrastructure",
    file: ".github/workflows/rollback.yml",
    from: 'run: git -c advice.detachedHead=false checkout --detach "$COMMIT"',
    to: 'run: echo "$COMMIT"',
    caughtBy: ["rollback-runs.test.ts"],
  },
  {
    name: "production is not rolled back when its read-only browser tests fail",
    file: PROMOTE,
    from: "        id: rollback\n        if: failure() && (steps.deploy.outcome == 'failure' || steps.verify.outcome == 'failure' || steps.functional.outcome == 'failure')",
    to: "        id: rollback\n        if: failure() && (steps.deploy.outcome == 'failure' || steps.verify.outcome == 'failure')",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a failed browser test keeps no screenshots or traces",
    file: FUNCTIONAL,
    from: "      if: failure() && steps.suite.outcome == 'failure'\n",
    to: "      if: steps.suite.outcome == 'failure'\n",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "production is verified without the page it served before the deploy",
    file: PROMOTE,
    from: 'npx parity verify "$URL" --release "$RELEASE" --migration "$SCHEMA_VERSION" --read-only --through-cloudflare "${previous[@]}"',
    to: 'npx parity verify "$URL" --release "$RELEASE" --migration "$SCHEMA_VERSION" --read-only --through-cloudflare',
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a pull request's stack is verified without the page it served before the deploy",
    file: PR,
    from: 'npx parity verify "$URL" --release "$RELEASE" "${previous[@]}"',
    to: 'npx parity verify "$URL" --release "$RELEASE"',
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "a pull request's stack is updated without the policy pack's preview",
    file: PR,
    from: 'run: pulumi preview --non-interactive --stack "$STACK" --policy-pack policy',
    to: 'run: pulumi preview --non-interactive --stack "$STACK"',
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "production's update computes its changes again instead of applying the approved plan",
    file: DEPLOY_IMAGE,
    from: 'if [ -n "$PLAN" ]; then applied=(--plan "$PLAN"); fi',
    to: "",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "production applies a plan production-destructive's reviewers rejected",
    file: PROMOTE,
    from: "(needs.approve-destructive.result == 'success' || needs.rehearse.outputs.destructive != 'true')",
    to: "needs.approve-destructive.result != 'cancelled'",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a plan that replaces the database does not ask for the extra approval",
    file: ".github/plan-risks.jq",
    from: '    "aws:rds/cluster:Cluster",\n',
    to: "",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "production's preview before the approval runs without the policy pack",
    file: PROMOTE,
    from: "            --policy-pack policy --save-plan",
    to: "            --save-plan",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "staging is updated without the policy pack's preview",
    file: PROMOTE,
    from: "        run: pulumi preview --non-interactive --stack staging --policy-pack policy\n",
    to: "        run: pulumi preview --non-interactive --stack staging\n",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a failure of the live release's smoke tests on the migrated clone does not stop the release",
    file: PROMOTE,
    from: "      - name: Run the live release's smoke tests on the migrated clone\n",
    to: "      - name: Run the live release's smoke tests on the migrated clone\n        continue-on-error: true\n",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a manual rollback leaves LIVE naming the newer release production no longer runs",
    file: ROLLBACK,
    from: '            "refs/tags/${deployed}" refs/tags/LIVE\n',
    to: '            "refs/tags/${deployed}"\n',
    caughtBy: ["rollback-runs.test.ts"],
  },
  {
    name: "what refresh --clear-pending-creates dropped is only a warning, and the sweep passes",
    file: PR,
    from: "            done\n            exit 1\n          fi",
    to: "            done\n          fi",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "the sweeper looks for pending creates under an operation type the state never records",
    file: PR,
    from: 'select(.type == "creating") | .resource.urn',
    to: 'select(.type == "create") | .resource.urn',
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "each pull request admits itself in a group of its own, so two can both take the last place",
    file: PR,
    from: "      group: pulumi-pr-admission\n",
    to: "      group: pulumi-pr-admission-${{ github.event.pull_request.number }}\n",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "a new pull-request stack's KMS key stays in the admission job's stack file, and the deploy falls back to a passphrase",
    file: PR,
    from: '            pulumi refresh --yes --non-interactive --stack "$STACK" --message "record the secrets provider of ${STACK}"\n',
    to: "            true\n",
    caughtBy: ["pr-environment-runs.test.ts"],
  },
  {
    name: "the rehearsal's clone also gets production's database security group",
    file: PROMOTE,
    from: '            --vpc-security-group-ids "$group" \\\n',
    to: `            --vpc-security-group-ids "$group" $(jq -r '.VpcSecurityGroups[].VpcSecurityGroupId' <<<"$cluster") \\\n`,
    caughtBy: ["promote-runs.test.ts", "promote.test.ts"],
  },
  {
    name: "the rehearsal's tasks run in production's task group, which the clone does not admit",
    file: RUN_MIGRATIONS,
    from: 'securityGroups: [if $group == "" then .taskSecurityGroupId else $group end]',
    to: "securityGroups: [.taskSecurityGroupId]",
    caughtBy: ["promote-runs.test.ts", "release-actions.test.ts"],
  },
  {
    name: "the clone's own password reaches the tasks next to production's secret, and the app refuses both",
    file: RUN_MIGRATIONS,
    from: '{name: "DB_PASSWORD", value: $password}, {name: "DB_SECRET_ARN", value: ""}',
    to: '{name: "DB_PASSWORD", value: $password}',
    caughtBy: ["promote-runs.test.ts", "release-actions.test.ts"],
  },
  {
    name: "the clone gets a password other than the one the rehearsal's tasks are given",
    file: PROMOTE,
    from: '            --no-manage-master-user-password --master-user-password "$password" \\\n',
    to: '            --no-manage-master-user-password --master-user-password "$(openssl rand -hex 16)" \\\n',
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "the clone's deletion waits for its writer first, which a cancelled run has no time for",
    file: PROMOTE,
    from: '            aws rds delete-db-instance --db-instance-identifier "${CLONE}-writer" --skip-final-snapshot > /dev/null\n',
    to: '            aws rds delete-db-instance --db-instance-identifier "${CLONE}-writer" --skip-final-snapshot > /dev/null\n            aws rds wait db-instance-deleted --db-instance-identifier "${CLONE}-writer"\n',
    caughtBy: ["promote-runs.test.ts", "promote.test.ts"],
  },
  {
    name: "the sweeper deletes the clone of a rehearsal still running",
    file: SWEEP,
    from: '            leaked "$created" || continue\n            mapfile -t writers',
    to: "            mapfile -t writers",
    caughtBy: ["rehearsal-sweep-runs.test.ts"],
  },
  {
    name: "the sweeper passes when a leaked clone cannot be deleted",
    file: SWEEP,
    from: '          if [ "$failed" -gt 0 ]; then\n',
    to: '          if [ "$failed" -gt 9 ]; then\n',
    caughtBy: ["rehearsal-sweep-runs.test.ts"],
  },
  {
    name: "the rehearsal takes a production stack created but never deployed for deployed",
    file: PROMOTE,
    from: "          elif ! pulumi stack output --json --stack prod | jq -e 'has(\"databaseClusterIdentifier\")' > /dev/null; then\n",
    to: "          elif false; then\n",
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "a production schema changed by hand does not stop the release",
    file: PROMOTE,
    from: "        uses: ./.github/actions/schema-parity\n        with:\n          stack: prod\n",
    to: '        uses: ./.github/actions/schema-parity\n        with:\n          stack: prod\n          fail-on-drift: "false"\n',
    caughtBy: ["promote-runs.test.ts"],
  },
  {
    name: "the rehearsal's timeout leaves no room for production's schema check",
    file: PROMOTE,
    from: "    timeout-minutes: 120\n",
    to: "    timeout-minutes: 105\n",
    caughtBy: ["timeouts.test.ts"],
  },
];
