import type { MockResourceType } from "./types";

/** The random provider's resources that the program reads outputs of. */
export const RANDOM_RESOURCES: Readonly<Record<string, MockResourceType>> = {
  // `hex` is `byteLength` random bytes in lower-case hex; the id is their base64url form.
  "random:index/randomId:RandomId": {
    id: (ctx) => Buffer.from(ctx.hex(16), "hex").toString("base64url"),
    state: (ctx) => {
      const bytes = typeof ctx.inputs.byteLength === "number" ? ctx.inputs.byteLength : 8;
      const hex = ctx.hex(bytes * 2);
      return {
        hex,
        b64Url: Buffer.from(hex, "hex").toString("base64url"),
        b64Std: Buffer.from(hex, "hex").toString("base64"),
        dec: BigInt(`0x${hex}`).toString(),
      };
    },
  },
};
