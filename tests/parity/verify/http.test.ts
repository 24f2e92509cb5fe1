import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { provokeErrors } from "../../../parity/verify/checks";
import { HttpClient } from "../../../parity/verify/http";

let server: Server;
let base: URL;
const methods: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    methods.push(req.method ?? "");
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

beforeEach(() => {
  methods.length = 0;
});

describe("a read-only HttpClient", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH"])(
    "refuses to send %s, before anything is sent",
    async (method) => {
      const client = new HttpClient(base, 1000, true);
      await expect(client.request("/notes", { method })).rejects.toThrow(
        `verify: a read-only run must not send ${method} ${base.origin}/notes`,
      );
      expect(methods).toEqual([]);
    },
  );

  it("provokes only the error probes sent with GET", async () => {
    const probes = await provokeErrors(new HttpClient(base, 1000, true), true);
    expect(probes.map((probe) => probe.what)).toEqual([
      "an out-of-range note id",
      "a malformed percent-encoding",
    ]);
    expect(methods).toEqual(["GET", "GET"]);
  });

  it("leaves a client that may write sending every probe", async () => {
    await provokeErrors(new HttpClient(base, 1000), false);
    expect(methods).toEqual(["POST", "GET", "GET"]);
  });
});
