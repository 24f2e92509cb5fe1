import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./harness/steps";

const SMOKE = path.join(ROOT, ".github/rehearsal/smoke.js");

/** How the fake live release answers: the reference app's API (app/src/server.ts), or a break. */
interface Behaviour {
  readonly schemaVersion: number;
  /** GET /notes/:id fails as a release reading a column the migration dropped would. */
  readonly readFails?: boolean;
}

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

function route(
  behaviour: Behaviour,
  notes: Map<string, string>,
  request: IncomingMessage,
  body: string,
): Answer {
  const url = request.url ?? "/";
  if (url === "/healthz") return { status: 200, body: { status: "ok" } };
  if (request.headers["x-forwarded-proto"] !== "https")
    return { status: 308, headers: { location: `https://app.invalid${url}` } };
  if (url === "/")
    return { status: 200, headers: { "content-type": "text/html" }, body: "<h1>Notes</h1>" };
  if (url === "/release")
    return {
      status: 200,
      body: { releaseId: "sha256:bb", schemaVersion: behaviour.schemaVersion },
    };
  if (request.method === "POST" && url === "/notes") {
    const note = JSON.parse(body) as { slug: string; body: string };
    const id = String(notes.size + 1);
    notes.set(id, note.body);
    return { status: 201, headers: { "set-cookie": "fresh=1; Path=/" }, body: { id, ...note } };
  }
  const id = /^\/notes\/(\d+)$/.exec(url)?.[1];
  if (id !== undefined && behaviour.readFails === true)
    return { status: 500, body: { error: "internal error" } };
  if (id !== undefined && request.headers.cookie === "fresh=1")
    return { status: 200, body: { id, body: notes.get(id) } };
  return { status: 404, body: { error: "not found" } };
}

function app(behaviour: Behaviour) {
  const notes = new Map<string, string>();
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const answer = route(behaviour, notes, request, body);
      const text =
        typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? "");
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(text);
    });
  });
}

async function smoke(behaviour: Behaviour): Promise<{ code: number; stdout: string }> {
  const server = app(behaviour);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [SMOKE], {
      env: { PATH: process.env.PATH, PORT: String(port), EXPECTED_SCHEMA_VERSION: "13" },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  } finally {
    server.close();
  }
}

describe("the live release's smoke tests (.github/rehearsal/smoke.js)", () => {
  it("pass when the live release starts, serves its page, reads the migrated schema and reads back its write", async () => {
    expect(await smoke({ schemaVersion: 13 })).toEqual({
      code: 0,
      stdout: [
        "PASS the live release starts on the migrated schema",
        "PASS its page loads",
        "PASS it reads the schema version the release migrates to",
        "PASS a note it saves is read back at once",
        "",
      ].join("\n"),
    });
  });

  it("fail, naming the check, when the live release cannot read what it wrote on the new schema", async () => {
    const result = await smoke({ schemaVersion: 13, readFails: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'FAIL a note it saves is read back at once: GET /notes/1: expected 200, got 500 {"error":"internal error"}',
    );
  });

  it("fail when the clone is not at the schema version the release migrates to", async () => {
    const result = await smoke({ schemaVersion: 12 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "FAIL it reads the schema version the release migrates to: GET /release: schema version 12, expected 13",
    );
  });
});
