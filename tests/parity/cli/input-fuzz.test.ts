import { spawnSync } from "node:child_process";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from "node:net";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { seededRandom, type SeededRandom } from "../../helpers/seeded-random";
import { TempProject } from "../../helpers/temp-project";
import { runCli, type CliResult } from "./run-cli";

/**
 * Feeds every command broken input of each class a new user runs into — stack files, the team's
 * program, HTTP servers for `parity verify`, the listings `sweep` and `admit` read — made by a
 * seeded generator per class, so every run tries the same cases. Each case must end with exit 2
 * and one line naming the input, or (where the input is valid but wrong) with a verdict that is
 * not a pass; never exit 0 on broken input, never a hang (each case runs within jest's timeout
 * and under short limits), never a stack trace. (Artifacts have their own suite: artifact-fuzz.)
 */
const SEED = 20_261_205;

/** A generator per class, so that adding a case to one class changes no other class's cases. */
function seeded(offset: number): SeededRandom {
  return seededRandom(SEED + offset);
}

const BIN = path.resolve(__dirname, "../../../parity/cli/bin.js");
const TRACE = /\bat .+:\d+:\d+/;

/** Exit 2, nothing on stdout, one line on stderr that contains `names`, and no stack trace. */
function expectRefused(result: CliResult, names: string): void {
  expect(result.stderr).toMatch(/^parity: [^\n]+\n$/);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(names);
  expect(result.stderr).not.toMatch(TRACE);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "parity-input-fuzz-"));

describe("stack files (config)", () => {
  const { below, pick } = seeded(1);
  const project = new TempProject();
  afterAll(() => {
    project.cleanup();
  });
  const FILE = "Pulumi.staging.yaml";
  const original = readFileSync(path.join(project.dir, FILE), "utf8");
  const lines = original.split("\n");
  const keyLines = lines.flatMap((line, i) => (/^ {2}[\w-]+:[\w-]+: \S/.test(line) ? [i] : []));
  const keyOf = (line: string) => line.trim().split(": ")[0] ?? "";

  /** Each makes the file's text from its lines. */
  const MUTATIONS: Record<string, () => string> = {
    "an unclosed quote": () => {
      const copy = [...lines];
      const i = pick(keyLines);
      copy[i] = `${copy[i] ?? ""} "unclosed`.replace(/: /, ': "');
      return copy.join("\n");
    },
    "a tab for indentation": () => {
      const copy = [...lines];
      const i = pick(keyLines);
      copy[i] = `\t${(copy[i] ?? "").trim()}`;
      return copy.join("\n");
    },
    "a key written twice": () => {
      const copy = [...lines];
      const i = pick(keyLines);
      copy.splice(i + 1, 0, copy[i] ?? "");
      return copy.join("\n");
    },
    "a value that is a mapping": () => {
      const copy = [...lines];
      const i = pick(keyLines);
      copy[i] = `  ${keyOf(copy[i] ?? "")}: { nested: [${below(100)}, ${below(100)}] }`;
      return copy.join("\n");
    },
    "an unknown key": () =>
      original.replace(
        "config:\n",
        `config:\n  parity-stack:fuzzKey${below(1000)}: ${below(10)}\n`,
      ),
    "a topology key": () =>
      original.replace(
        "config:\n",
        `config:\n  parity-stack:${pick(["dbReplicas", "azCount", "dbEngineVersion"])}: ${1 + below(3)}\n`,
      ),
    "config that is not a mapping": () =>
      original.replace(/^config:\n[\s\S]*$/m, `config: ${pick(["42", "[a, b]", "text"])}\n`),
    "a document that is a list": () => `- ${below(100)}\n- config\n`,
  };

  const cases = Object.keys(MUTATIONS).flatMap((what) =>
    [1, 2].map((n) => [`${what} (${n})`, what] as const),
  );
  const texts = new Map(cases.map(([name, what]) => [name, MUTATIONS[what]?.() ?? ""]));

  it.each(cases)("refuses %s with one line naming the file", async (name) => {
    writeFileSync(path.join(project.dir, FILE), texts.get(name) ?? "");
    try {
      const result = await runCli("diff", "staging", "prod", "--program-timeout", "60");
      const cwdFree = result.stderr.replaceAll(`${project.dir}/`, "");
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      // One line per mistake, each naming the file.
      for (const line of cwdFree.trimEnd().split("\n"))
        expect(line).toMatch(/^parity: .*Pulumi\.staging\.yaml/);
      expect(result.stderr).not.toMatch(TRACE);
    } finally {
      writeFileSync(path.join(project.dir, FILE), original);
    }
  });

  let cwd: string;
  beforeAll(() => {
    cwd = process.cwd();
    process.chdir(project.dir);
  });
  afterAll(() => {
    process.chdir(cwd);
  });
});

describe("the team's program (edits of a scratch copy)", () => {
  const { below, pick } = seeded(2);
  const project = new TempProject();
  afterAll(() => {
    project.cleanup();
  });
  const FILE = "infra/index.ts";
  const ANCHOR = "export = defineStack(spec);";
  const original = readFileSync(path.join(project.dir, FILE), "utf8");
  const anchorLine = original.split("\n").findIndex((line) => line === ANCHOR) + 1;

  /** Each: the statement put before the export, and what the one line must name. */
  const EDITS: Record<string, () => { code: string; names: string; timeout?: string }> = {
    throw: () => ({
      code: `if (pulumi.getStack() !== "") throw new ${pick(["Error", "TypeError", "RangeError"])}("fuzz ${below(1000)}");`,
      names: `${FILE}:${anchorLine}: the program failed while evaluating stack staging`,
    }),
    "a syntax error": () => ({
      code: pick(["const = 1;", "let x = (;", "function () {"]),
      names: `${FILE}:${anchorLine}: the program failed while evaluating stack staging`,
    }),
    "a missing module": () => ({
      code: `require("./missing-${below(1000)}");`,
      names: `${FILE}:${anchorLine}: the program failed while evaluating stack staging`,
    }),
    "a rejected promise in an apply": () => ({
      code: `pulumi.output(${below(100)}).apply(() => { throw new Error("apply ${below(1000)}"); });`,
      names: `${FILE}:${anchorLine}: the program failed while evaluating stack staging`,
    }),
    "a throw in a timer": () => ({
      code: `setTimeout(() => { throw new Error("timer ${below(1000)}"); }, ${below(5)});`,
      // The thread ends while some stack is evaluated: the line names the file, not which stack.
      names: `${FILE}:${anchorLine}: the program failed while evaluating stack`,
    }),
    "an endless loop": () => ({
      code: `while (pulumi.getStack().length > ${below(2)} - 1) { /* forever */ }`,
      names: "the program did not finish evaluating stack staging within 2 s",
      timeout: "2",
    }),
    "an allocation loop": () => ({
      code: `const hog: string[][] = []; for (;;) hog.push(new Array(${1 + below(4)}e5).fill(pulumi.getStack()));`,
      names: "the program ran out of memory (limit 128 MiB) while evaluating stack staging",
    }),
  };
  const cases = Object.keys(EDITS).flatMap((what) =>
    [1, 2].map((n) => [`${what} (${n})`, EDITS[what]?.() ?? { code: "", names: "" }] as const),
  );

  let cwd: string;
  beforeAll(() => {
    cwd = process.cwd();
    process.chdir(project.dir);
  });
  afterAll(() => {
    process.chdir(cwd);
  });

  it.each(cases)("refuses %s with one line naming it", async (_name, edit) => {
    writeFileSync(path.join(project.dir, FILE), original.replace(ANCHOR, `${edit.code} ${ANCHOR}`));
    try {
      const result = await runCli(
        "diff",
        "staging",
        "prod",
        "--program-timeout",
        // Long enough for a whole evaluation on a busy machine, but for the endless loop.
        edit.timeout ?? "60",
        "--program-memory",
        "128",
      );
      expectRefused(result, edit.names);
    } finally {
      writeFileSync(path.join(project.dir, FILE), original);
    }
  });
});

describe("the parity process", () => {
  it("ends at the deadline of a program that never finishes, with exit 2 and one line", () => {
    const project = new TempProject().edit(
      "infra/index.ts",
      "export = defineStack(spec);",
      "while (pulumi.getStack() !== '') { /* forever */ }\nexport = defineStack(spec);",
    );
    try {
      const run = spawnSync(
        process.execPath,
        [BIN, "diff", "staging", "prod", "--program-timeout", "2"],
        // Killed well before jest's own timeout: a process that outlives its deadline fails here.
        { cwd: project.dir, encoding: "utf8", timeout: 45_000 },
      );
      expect(run.stderr).toBe(
        "parity: the program did not finish evaluating stack staging within 2 s. Fix the program (an endless loop?), or raise the limit with --program-timeout <seconds>.\n",
      );
      expect(run.status).toBe(2);
    } finally {
      project.cleanup();
    }
  });
});

describe("HTTP servers parity verify meets", () => {
  const { below, pick } = seeded(3);
  const held: Socket[] = [];

  /** Each starts a server that answers the way its name says; `url` is where it listens. */
  const SERVERS: Record<string, () => Server | HttpServer> = {
    "accepts and drops connections": () => createTcpServer((socket) => socket.destroy()),
    "accepts and never answers": () => createTcpServer(() => undefined),
    "drips its headers slowly": () =>
      createTcpServer((socket) => {
        const text = "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n";
        let at = 0;
        const drip = setInterval(
          () => {
            if (socket.destroyed || at >= text.length) clearInterval(drip);
            else socket.write(text[at++] ?? "");
          },
          20 + below(80),
        );
      }),
    "sends an endless body": () =>
      createHttpServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(1 << 16, 120);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once("drain", pump);
        };
        pump();
      }),
    "sends a gzip bomb": () => {
      const bomb = gzipSync(Buffer.alloc((65 + below(30)) * 1024 * 1024));
      return createHttpServer((_req, res) => {
        res.writeHead(200, { "content-encoding": "gzip", "content-type": "text/html" }).end(bomb);
      });
    },
    "answers with the wrong status": () => {
      const status = pick([301, 404, 418, 500, 502, 503]);
      return createHttpServer((_req, res) => {
        res.writeHead(status, { "content-type": "text/plain" }).end(`status ${status}`);
      });
    },
    "answers garbage that is not HTTP": () =>
      createTcpServer((socket) => {
        socket.end(Buffer.from(Array.from({ length: 1 + below(200) }, () => below(256))));
      }),
  };
  const cases = Object.keys(SERVERS).flatMap((what) =>
    [1, 2].map((n) => [`${what} (${n})`, what] as const),
  );

  it.each(cases)("reaches no pass against a server that %s", async (_name, what) => {
    const server = SERVERS[what]?.();
    if (server === undefined) throw new Error(what);
    // Every connection is closed at the end, or closing the server would wait for it.
    server.on("connection", (socket: Socket) => held.push(socket));
    const url = await new Promise<string>((resolve) => {
      server.listen(0, "127.0.0.1", () => {
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      });
    });
    try {
      const result = await runCli(
        "verify",
        url,
        "--release",
        "r1",
        "--timeout",
        "300",
        "--deadline",
        "3000",
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).not.toMatch(TRACE);
      if (result.code === 2) {
        expect(result.stderr).toMatch(/^parity: verify: [^\n]+\n$/);
        expect(result.stderr).toMatch(new RegExp(`${url.replaceAll(".", "\\.")}|--deadline`));
      } else {
        // A server that answers, wrongly: the checks ran and failed.
        expect(result.code).toBe(1);
        expect(result.stdout).not.toBe("");
      }
    } finally {
      for (const socket of held.splice(0)) socket.destroy();
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the listings sweep and admit read", () => {
  const { below, pick } = seeded(4);
  const FIXTURES = path.resolve(__dirname, "../../fixtures");
  const stacks = JSON.parse(
    readFileSync(path.join(FIXTURES, "pulumi-stack-ls.cloud.json"), "utf8"),
  ) as Record<string, unknown>[];
  const openPrs = path.join(dir, "open-prs.json");
  writeFileSync(openPrs, JSON.stringify([42, 43].map((number) => ({ number }))));

  /** Each makes a broken `pulumi stack ls --json` listing (text, or a value to write). */
  const MUTATIONS: Record<string, () => unknown> = {
    truncated: () => {
      const text = JSON.stringify(stacks, null, 2);
      return text.slice(0, 1 + below(text.length - 2));
    },
    "not a list": () => pick([{}, 42, "stacks", null]),
    "a stack without a name": () => stacks.map((s, i) => (i === 0 ? { ...s, name: undefined } : s)),
    "a name of the wrong type": () =>
      stacks.map((s, i) => (i === 0 ? { ...s, name: pick([42, true, [], {}]) } : s)),
    "a lastUpdate that is no RFC 3339 time": () => {
      const at = below(stacks.length);
      return stacks.map((s, i) =>
        i === at
          ? {
              ...s,
              lastUpdate: pick([
                "1",
                "yesterday",
                "2026-13-01T00:00:00Z",
                "2026-11-19",
                1700000000,
              ]),
            }
          : s,
      );
    },
    "random bytes": () => {
      const bytes = Buffer.from(JSON.stringify(stacks));
      bytes[below(bytes.length)] = 0xff;
      return bytes.toString("latin1");
    },
  };
  const cases = Object.keys(MUTATIONS).flatMap((what) =>
    [1, 2].map((n) => {
      const file = path.join(dir, `stacks.${what.replace(/\W+/g, "-")}.${n}.json`);
      const made = MUTATIONS[what]?.();
      writeFileSync(file, typeof made === "string" ? made : JSON.stringify(made), "latin1");
      return [`${what} (${n})`, file] as const;
    }),
  );

  it.each(cases)("sweep refuses a listing %s with one line naming it", async (_name, file) => {
    const result = await runCli(
      "sweep",
      "--stacks",
      file,
      "--open-prs",
      openPrs,
      "--now",
      "2026-11-20T12:00:00Z",
    );
    expectRefused(result, file);
  });

  it.each(cases)("admit refuses a listing %s with one line naming it", async (_name, file) => {
    expectRefused(
      await runCli("admit", "--stacks", file, "--stack", `pr-${100 + below(900)}`),
      file,
    );
  });
});
