import * as pulumi from "@pulumi/pulumi";
import { loadBootstrapConfig } from "./config";
import { defineBootstrap } from "./program";

// The bootstrap's Pulumi program (`main` of bootstrap/Pulumi.yaml). Its config is checked before
// any resource is registered.
const config = loadBootstrapConfig({
  stack: pulumi.getStack(),
  config: pulumi.runtime.allConfig(),
  // The keys the engine decrypted for the program (set by the engine, and by setAllConfig).
  secretKeys: JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS ?? "[]") as string[],
});

export = defineBootstrap(config);
