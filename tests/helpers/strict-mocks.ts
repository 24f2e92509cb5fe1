import { OfflineMocks } from "../../parity/offline/mocks";

/**
 * {@link OfflineMocks} for unit tests of this project's components: a resource type without a
 * hand-written table is refused, so a test notices a type it did not expect.
 */
export class StrictMocks extends OfflineMocks {
  protected override readonly unlistedTypes = "refused";
}
