/**
 * The engine mode and the size of every instance. The mode is topology (it changes how replicas
 * scale and lag: Serverless v2 readers in promotion tiers 2–15 scale on their own load); only the
 * size may differ between environments.
 */
export type DatabaseCapacity =
  /** Provisioned instances of one class, such as `db.r7g.large`. Cost: per instance-hour. */
  | { readonly mode: "provisioned"; readonly instanceClass: string }
  /**
   * Aurora Serverless v2 (`db.serverless`) between `minAcu` and `maxAcu` Aurora capacity units
   * (1 ACU ≈ 2 GiB of memory), in steps of 0.5: `minAcu` 0 to 256 (0 lets idle instances pause),
   * `maxAcu` 1 to 256. Cost: the ceiling is what an instance may bill.
   */
  | { readonly mode: "serverless"; readonly minAcu: number; readonly maxAcu: number };
