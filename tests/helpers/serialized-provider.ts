import type * as pulumi from "@pulumi/pulumi";
import { runInThisContext } from "node:vm";

/** Loads a provider the way Pulumi's dynamic-provider host does: from its serialized text. */
export function loadSerializedProvider(text: string): pulumi.dynamic.ResourceProvider {
  const module = { exports: {} as { handler?: () => pulumi.dynamic.ResourceProvider } };
  const load = runInThisContext(`(function (exports, require, module) {\n${text}\n})`) as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
  ) => void;
  load(module.exports, require, module);
  if (module.exports.handler === undefined)
    throw new Error("no handler in the serialized provider");
  return module.exports.handler();
}
