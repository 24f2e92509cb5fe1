// The parts of @pulumi/github the bootstrap uses, imported by module: the package root loads every
// resource of the provider (some 200) into each type check.
export { ActionsEnvironmentSecret } from "@pulumi/github/actionsEnvironmentSecret";
export { ActionsEnvironmentVariable } from "@pulumi/github/actionsEnvironmentVariable";
export { BranchProtection } from "@pulumi/github/branchProtection";
export { Provider } from "@pulumi/github/provider";
export { RepositoryEnvironment } from "@pulumi/github/repositoryEnvironment";
export { RepositoryEnvironmentDeploymentPolicy } from "@pulumi/github/repositoryEnvironmentDeploymentPolicy";
