// The live release's smoke tests on the rehearsal's migrated clone (promote.yml). They run as the
// `smoke` container of a one-off task, next to an `app` container of the image production runs
// now (its service's task definition, pointed at the clone): the release a rollback would return
// to, and that serves while the new one rolls out, must still work on the schema the new release
// migrates to. `node -e` runs this file in the live image, so it uses nothing but Node's own
// fetch. It talks to the app over the task's localhost, as the load balancer's HTTPS would
// (X-Forwarded-Proto). Prints PASS or FAIL per check; exits 1 at the first failure.
/* global fetch, AbortSignal */
"use strict";
const { setTimeout: sleep } = require("node:timers/promises");

const base = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
const expectedSchema = Number(process.env.EXPECTED_SCHEMA_VERSION);
const startupSeconds = Number(process.env.STARTUP_SECONDS ?? "120");

class Failure extends Error {}

async function request(path, init = {}) {
  return fetch(`${base}${path}`, {
    ...init,
    headers: { "x-forwarded-proto": "https", ...init.headers },
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
}

async function expectStatus(response, status, what) {
  if (response.status !== status) {
    const body = (await response.text()).slice(0, 300);
    throw new Failure(`${what}: expected ${status}, got ${response.status} ${body}`);
  }
}

async function starts() {
  const until = Date.now() + startupSeconds * 1000;
  for (;;) {
    try {
      if ((await request("/healthz")).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until)
      throw new Failure(`/healthz did not answer 200 within ${startupSeconds} s`);
    await sleep(1000);
  }
}

async function pageLoads() {
  const response = await request("/");
  await expectStatus(response, 200, "GET /");
  if (!(response.headers.get("content-type") ?? "").includes("text/html"))
    throw new Failure(`GET /: not an HTML page (${response.headers.get("content-type")})`);
}

async function readsSchemaVersion() {
  const response = await request("/release");
  await expectStatus(response, 200, "GET /release");
  const { schemaVersion } = await response.json();
  if (schemaVersion !== expectedSchema)
    throw new Failure(`GET /release: schema version ${schemaVersion}, expected ${expectedSchema}`);
}

async function readsItsWrite() {
  const note = { slug: `rehearsal-${process.pid}-${Date.now()}`, body: "written by the rehearsal" };
  const created = await request("/notes", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(note),
  });
  await expectStatus(created, 201, "POST /notes");
  const { id } = await created.json();
  const cookie = (created.headers.get("set-cookie") ?? "").split(";")[0];
  const read = await request(`/notes/${id}`, { headers: { cookie } });
  await expectStatus(read, 200, `GET /notes/${id}`);
  const seen = await read.json();
  if (seen.body !== note.body)
    throw new Failure(`GET /notes/${id}: body "${seen.body}", expected "${note.body}"`);
}

const CHECKS = [
  ["the live release starts on the migrated schema", starts],
  ["its page loads", pageLoads],
  ["it reads the schema version the release migrates to", readsSchemaVersion],
  ["a note it saves is read back at once", readsItsWrite],
];

async function main() {
  for (const [name, check] of CHECKS) {
    try {
      await check();
      process.stdout.write(`PASS ${name}\n`);
    } catch (error) {
      process.stdout.write(
        `FAIL ${name}: ${error instanceof Failure ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
      return;
    }
  }
}

void main();
