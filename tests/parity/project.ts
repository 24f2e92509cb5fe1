import { TempProject } from "../helpers/temp-project";

export { PROJECT_DIR } from "../helpers/temp-project";

/** A temp copy of the project (Pulumi files and program), to change in a test. */
export function copyProject(): string {
  return new TempProject().dir;
}
