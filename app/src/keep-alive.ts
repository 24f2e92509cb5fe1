/** How much longer than the load balancer the server keeps an idle connection. */
const MARGIN_MS = 5_000;

/**
 * Keep-alive settings for a server behind a load balancer that closes idle connections after
 * `upstreamIdleSeconds`. The server must keep them longer: one that closes first can do so just as
 * the balancer sends the next request on that connection, which the balancer answers with a 502.
 * Node's defaults (5 s keep-alive) are far below an ALB's 60 s. `headersTimeout` must exceed
 * `keepAliveTimeout`, or Node cuts a slow request on a reused connection short.
 */
export function keepAliveOutlasting(upstreamIdleSeconds: number): {
  keepAliveTimeout: number;
  headersTimeout: number;
} {
  const keepAliveTimeout = upstreamIdleSeconds * 1000 + MARGIN_MS;
  return { keepAliveTimeout, headersTimeout: keepAliveTimeout + 1000 };
}
