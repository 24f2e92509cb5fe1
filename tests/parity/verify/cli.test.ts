import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from "node:net";
import { gzipSync } from "node:zlib";
import { main } from "../../../parity/cli/main";
import { MAX_BODY_BYTES, MAX_ENCODED_BODY_BYTES } from "../../../parity/verify/body";

/** Runs `parity …` in this process and collects what it wrote to stderr. */
async function parity(...args: string[]): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const spy = jest
    .spyOn(process.stderr, "write")
    .mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  try {
    return { code: await main(["node", "parity", ...args]), stderr: lines.join("") };
  } finally {
    spy.mockRestore();
  }
}

function listen(server: Server | HttpServer): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

function close(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

describe("parity verify: what cannot be verified exits 2 with one clear line", () => {
  it("refuses a URL that is not http or https", async () => {
    expect(await parity("verify", "ftp://files.example.com", "--release", "r1")).toEqual({
      code: 2,
      stderr:
        'parity: verify: "ftp://files.example.com" is not an HTTP URL (scheme "ftp:"). Pass an http:// or https:// URL.\n',
    });
  });

  it("refuses a --previous-page it cannot read, before contacting anything", async () => {
    expect(
      await parity(
        "verify",
        "http://127.0.0.1:9",
        "--release",
        "r2",
        "--previous-page",
        "/nonexistent/page.html",
      ),
    ).toEqual({
      code: 2,
      stderr:
        "parity: verify: --previous-page /nonexistent/page.html: cannot be read (ENOENT). Save the live page before the deploy with curl -fsS <url>/ > /nonexistent/page.html.\n",
    });
  });

  it("refuses a run without --release", async () => {
    const run = await parity("verify", "https://staging.example.com");

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "parity: required option '--release <id>' not specified. See parity verify --help.\n",
    );
  });

  it("reports an unreachable environment", async () => {
    const server = createTcpServer();
    const url = await listen(server);
    await close(server);

    expect(await parity("verify", url, "--release", "r1")).toEqual({
      code: 2,
      stderr: `parity: verify: cannot reach ${url} (ECONNREFUSED: connect ECONNREFUSED ${url.slice(7)}) on GET /healthz. Check the URL and that the environment is up.\n`,
    });
  });

  it("reports a server that does not speak HTTP", async () => {
    const server = createTcpServer((socket) => {
      socket.write("SSH-2.0-OpenSSH_9.6\r\n", () => socket.destroy());
    });
    const url = await listen(server);
    try {
      const run = await parity("verify", url, "--release", "r1");

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^parity: verify: ${url.replaceAll(".", "\\.")} did not answer GET /healthz in HTTP \\(HPE_`,
        ),
      );
    } finally {
      await close(server);
    }
  });

  it("reports a timeout", async () => {
    const server = createHttpServer(() => {
      // never answers
    });
    const url = await listen(server);
    try {
      expect(await parity("verify", url, "--release", "r1", "--timeout", "200")).toEqual({
        code: 2,
        stderr: `parity: verify: no answer within 200 ms to GET ${url}/healthz. Check that the environment is up, or raise --timeout.\n`,
      });
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });
});

describe("parity verify never ends without a verdict", () => {
  it("stops at --deadline when a server accepts connections and never answers", async () => {
    const held: Socket[] = [];
    const server = createTcpServer((socket) => {
      held.push(socket);
    });
    const url = await listen(server);
    try {
      expect(
        await parity("verify", url, "--release", "r1", "--timeout", "60000", "--deadline", "300"),
      ).toEqual({
        code: 2,
        stderr:
          "parity: verify: the checks did not finish within 300 ms (--deadline). Check that the environment answers, or raise --deadline.\n",
      });
    } finally {
      for (const socket of held) socket.destroy();
      await close(server);
    }
  });

  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { "content-length": String(MAX_ENCODED_BODY_BYTES + 1) });
      res.write("x");
    });
    const url = await listen(server);
    try {
      expect(await parity("verify", url, "--release", "r1")).toEqual({
        code: 2,
        stderr: `parity: verify: GET ${url}/healthz answered a body of ${MAX_ENCODED_BODY_BYTES + 1} bytes (Content-Length), over the 16 MiB a page or asset may take. Check what the environment serves there.\n`,
      });
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });

  it("stops reading a gzip body once it decompresses past the cap", async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1));
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip" }).end(bomb);
    });
    const url = await listen(server);
    try {
      expect(await parity("verify", url, "--release", "r1")).toEqual({
        code: 2,
        stderr: `parity: verify: GET ${url}/healthz answered a body over 64 MiB once decompressed (an endless or compressed-bomb body). Check what the environment serves there.\n`,
      });
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });
});
