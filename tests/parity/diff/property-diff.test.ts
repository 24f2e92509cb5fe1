import { propertyDifferences } from "../../../parity/diff/property-diff";

describe("property differences", () => {
  it("names each differing leaf by its dotted path, arrays by index", () => {
    expect(
      propertyDifferences(
        { cidr: "10.0.0.0/16", ingress: [{ port: 80 }, { port: 443 }], tags: { a: "1" } },
        { cidr: "10.0.0.0/16", ingress: [{ port: 8080 }], tags: { a: "1", b: "2" } },
      ),
    ).toEqual([
      { path: "ingress.0.port", a: 80, b: 8080 },
      { path: "ingress.1", a: { port: 443 }, b: undefined },
      { path: "tags.b", a: undefined, b: "2" },
    ]);
  });

  it("finds nothing in equal values", () => {
    expect(propertyDifferences({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });
});
