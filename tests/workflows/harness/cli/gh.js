#!/usr/bin/env node
// Stub `gh` (GitHub CLI 2.x) over the world's issues, comments and pull requests. `--json FIELDS`
// prints exactly those fields (an unknown field fails, as in gh's pkg/cmdutil/json_flags.go) and
// `--jq` is applied for real by jq, strings printed raw as gh does. REST objects (`gh api`) have
// the shapes of docs.github.com/rest/issues/comments. gh in a workflow needs GH_TOKEN.
"use strict";
const { execFileSync } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { load, save, fail, parseFlags, main } = require("./world");

const REPO = { repo: "value" };
const JSON_OUT = { json: "value", jq: "value", template: "value" };
const SPECS = {
  api: {
    method: "value",
    paginate: "bool",
    field: "value",
    "raw-field": "value",
    jq: "value",
    header: "value",
    input: "value",
    silent: "bool",
    include: "bool",
  },
  "pr list": {
    ...REPO,
    ...JSON_OUT,
    state: "value",
    limit: "value",
    base: "value",
    head: "value",
    label: "value",
    search: "value",
  },
  "issue list": {
    ...REPO,
    ...JSON_OUT,
    state: "value",
    limit: "value",
    label: "value",
    search: "value",
    author: "value",
  },
  "issue create": {
    ...REPO,
    title: "value",
    body: "value",
    "body-file": "value",
    label: "value",
    assignee: "value",
  },
  "issue edit": {
    ...REPO,
    title: "value",
    body: "value",
    "body-file": "value",
    "add-label": "value",
  },
  "issue close": { ...REPO, comment: "value", reason: "value" },
  "label create": { ...REPO, color: "value", description: "value", force: "bool" },
};
const ALIASES = {
  X: "method",
  F: "field",
  f: "raw-field",
  q: "jq",
  R: "repo",
  s: "state",
  L: "limit",
  l: "label",
  S: "search",
  t: "title",
  b: "body",
  c: "comment",
  d: "description",
  H: "header",
};
const PR_FIELDS = [
  "number",
  "title",
  "state",
  "headRefName",
  "baseRefName",
  "isCrossRepository",
  "url",
  "author",
  "labels",
];
const ISSUE_FIELDS = [
  "number",
  "title",
  "state",
  "body",
  "labels",
  "url",
  "author",
  "comments",
  "createdAt",
];

const world = load();
const github = world.github;

function withJq(value, filter) {
  const text = JSON.stringify(value);
  if (filter === undefined) return process.stdout.write(JSON.stringify(value, null, 2) + "\n");
  process.stdout.write(execFileSync("jq", ["-r", filter], { input: text, encoding: "utf8" }));
}

function project(items, fields, known) {
  if (fields === undefined) fail("stub: list without --json is not replayed", 2);
  const wanted = fields.split(",");
  const unknown = wanted.filter((field) => !known.includes(field));
  if (unknown.length > 0)
    fail(`Unknown JSON field: "${unknown[0]}"\nAvailable fields:\n  ${known.join("\n  ")}`, 1);
  return items.map((item) =>
    Object.fromEntries(wanted.map((field) => [field, item[field] ?? null])),
  );
}

function fieldValue(raw) {
  const at = raw.indexOf("=");
  const [name, value] = [raw.slice(0, at), raw.slice(at + 1)];
  return [name, value.startsWith("@") ? readFileSync(value.slice(1), "utf8") : value];
}

function issueView(issue) {
  return {
    ...issue,
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    url: `https://github.com/acme/parity-stack/issues/${issue.number}`,
  };
}

const commands = {
  api({ one, flags, positional }) {
    const method = one("method") ?? "GET";
    const path = positional[0] ?? "";
    const body = Object.fromEntries((flags.field ?? []).map(fieldValue));
    let match;
    if (method === "GET" && (match = /^repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      return withJq(
        github.comments.filter((c) => c.issue === Number(match[1])),
        one("jq"),
      );
    }
    if (
      method === "POST" &&
      (match = /^repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))
    ) {
      const comment = {
        id: github.nextId++,
        issue: Number(match[1]),
        user: { login: "github-actions[bot]" },
        body: body.body,
      };
      github.comments.push(comment);
      return withJq(comment, one("jq"));
    }
    if (
      method === "PATCH" &&
      (match = /^repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))
    ) {
      const comment = github.comments.find((c) => c.id === Number(match[1]));
      if (comment === undefined) fail("gh: Not Found (HTTP 404)", 1);
      comment.body = body.body;
      return withJq(comment, one("jq"));
    }
    fail(`stub: gh api ${method} ${path} is not replayed`, 2);
  },
  "pr list"({ one }) {
    const state = one("state") ?? "open";
    const prs = github.pulls.filter((pr) => state === "all" || pr.state.toLowerCase() === state);
    withJq(project(prs, one("json"), PR_FIELDS), one("jq"));
  },
  "issue list"({ one, flags }) {
    const state = one("state") ?? "open";
    const phrase = /^"(.*)" in:title$/.exec(one("search") ?? "")?.[1];
    const issues = github.issues.filter(
      (issue) =>
        (state === "all" || issue.state.toLowerCase() === state) &&
        (flags.label ?? []).every((label) => issue.labels.includes(label)) &&
        (phrase === undefined || issue.title.toLowerCase().includes(phrase.toLowerCase())),
    );
    withJq(project(issues.map(issueView), one("json"), ISSUE_FIELDS), one("jq"));
  },
  "issue create"({ one, flags }) {
    const labels = flags.label ?? [];
    const missing = labels.filter((label) => !github.labels.includes(label));
    if (missing.length > 0) fail(`could not add label: '${missing[0]}' not found`, 1);
    const issue = {
      number: github.nextId++,
      title: one("title"),
      body: readBody(one),
      labels,
      state: "OPEN",
      comments: [],
    };
    github.issues.push(issue);
    process.stdout.write(`https://github.com/acme/parity-stack/issues/${issue.number}\n`);
  },
  "issue edit"({ one, positional }) {
    const issue = issueNumbered(positional[0]);
    issue.body = readBody(one);
  },
  "issue close"({ one, positional }) {
    const issue = issueNumbered(positional[0]);
    issue.state = "CLOSED";
    if (one("comment") !== undefined) issue.comments.push(one("comment"));
  },
  "label create"({ flags, positional }) {
    const name = positional[0];
    if (github.labels.includes(name) && !flags.force)
      fail(
        `label with name "${name}" already exists; use \`--force\` to update its color and description`,
        1,
      );
    if (!github.labels.includes(name)) github.labels.push(name);
  },
};

function readBody(one) {
  const file = one("body-file");
  return file === undefined ? (one("body") ?? "") : readFileSync(file, "utf8");
}

function issueNumbered(number) {
  const issue = github.issues.find((i) => i.number === Number(number));
  if (issue === undefined)
    fail(`GraphQL: Could not resolve to an issue or pull request with the number of ${number}.`, 1);
  return issue;
}

main(
  "gh",
  (args) => {
    if (!process.env.GH_TOKEN && !process.env.GITHUB_TOKEN) {
      fail(
        "gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable. Example:\n  env:\n    GH_TOKEN: ${{ github.token }}",
        4,
      );
    }
    const words = args[0] === "api" ? 1 : 2;
    const command = args.slice(0, words).join(" ");
    const spec = SPECS[command];
    if (spec === undefined) fail(`unknown command "${command}" for "gh" (stub)`, 1);
    const parsed = parseFlags("gh", args.slice(words), spec, ALIASES);
    commands[command]({ one: parsed.one, flags: parsed.flags, positional: parsed.positional });
    save(world);
  },
  1,
);
