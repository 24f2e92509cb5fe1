import { createServer } from "node:http";
import { keepAliveOutlasting } from "../../app/src/keep-alive";
import { LOAD_BALANCER_IDLE_TIMEOUT_SECONDS } from "../../components/aws/load-balancer";

describe("the app server's keep-alive behind the load balancer", () => {
  it("keeps idle connections open longer than the load balancer, and headers longer still", () => {
    const settings = keepAliveOutlasting(LOAD_BALANCER_IDLE_TIMEOUT_SECONDS);
    expect(settings).toEqual({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
    const server = Object.assign(createServer(), settings);
    // Node's defaults (5 s keep-alive) would close first and race the balancer's next request.
    expect(server.keepAliveTimeout).toBeGreaterThan(LOAD_BALANCER_IDLE_TIMEOUT_SECONDS * 1000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
