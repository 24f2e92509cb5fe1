import { checkUniversalSslCovers, labelsBelowZone } from "../../../components/cloudflare/hostname";

describe("labelsBelowZone", () => {
  it.each([
    ["parity-stack.dev", 0],
    ["staging.parity-stack.dev", 1],
    ["pr-42-staging.parity-stack.dev", 1],
    ["pr-42.staging.parity-stack.dev", 2],
  ])("counts %s as %d labels below parity-stack.dev", (hostname, depth) => {
    expect(labelsBelowZone("Cdn", "main", hostname, "parity-stack.dev")).toBe(depth);
  });

  it.each([
    [
      "app.example.com",
      'Cdn "main": `hostname` "app.example.com" is not in Cloudflare zone "parity-stack.dev". Use a hostname that is "parity-stack.dev" or ends in ".parity-stack.dev", or set cloudflareZone to the zone that holds it.',
    ],
    [
      "evilparity-stack.dev",
      'Cdn "main": `hostname` "evilparity-stack.dev" is not in Cloudflare zone "parity-stack.dev". Use a hostname that is "parity-stack.dev" or ends in ".parity-stack.dev", or set cloudflareZone to the zone that holds it.',
    ],
    [
      "Staging.parity-stack.dev",
      'Cdn "main": `hostname` must be a lower-case DNS name such as "app.example.com" (got "Staging.parity-stack.dev"). In zone "parity-stack.dev", for example "app.parity-stack.dev".',
    ],
  ])("refuses %s", (hostname, message) => {
    expect(() => labelsBelowZone("Cdn", "main", hostname, "parity-stack.dev")).toThrow(message);
  });

  it("refuses a zone that is not a DNS name", () => {
    expect(() => labelsBelowZone("Cdn", "main", "app.example.com", "https://example.com")).toThrow(
      'Cdn "main": `zone` must be the apex of a Cloudflare zone, a lower-case DNS name such as "example.com" (got "https://example.com"). Set cloudflareZone to the zone\'s name as the Cloudflare dashboard shows it.',
    );
  });
});

describe("checkUniversalSslCovers", () => {
  it.each(["parity-stack.dev", "pr-42-staging.parity-stack.dev"])("accepts %s", (hostname) => {
    expect(() => {
      checkUniversalSslCovers("Cdn", "main", hostname, "parity-stack.dev");
    }).not.toThrow();
  });

  it("refuses a hostname two labels below the apex and names the single-label form", () => {
    expect(() => {
      checkUniversalSslCovers("Cdn", "main", "pr-42.staging.parity-stack.dev", "parity-stack.dev");
    }).toThrow(
      'Cdn "main": `hostname` "pr-42.staging.parity-stack.dev" is 2 labels below zone "parity-stack.dev", but Cloudflare\'s Universal SSL certificate covers only "parity-stack.dev" and "*.parity-stack.dev". Use one label below the zone, such as "pr-42-staging.parity-stack.dev" (the pr-<n>-<base> form for pull-request stacks).',
    );
  });
});
