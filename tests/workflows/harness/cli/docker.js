#!/usr/bin/env node
// Stub `docker` for the scratch PostgreSQL a schema comparison starts: `run --detach` prints a
// container id, `port` answers the address of the real PostgreSQL server the test started
// (world.docker.postgres, `127.0.0.1:<port>` as `docker port` prints it), `exec … pg_isready`
// succeeds once the server is there, `rm --force` prints the id as docker does.
"use strict";
const { load, fail, main } = require("./world");

const CONTAINER = "3f4e5d6c7b8a".repeat(5).slice(0, 64);

main(
  "docker",
  (args) => {
    const world = load();
    const address = world.docker?.postgres;
    switch (args[0]) {
      case "run":
        if (!args.includes("--detach")) fail("stub: docker run is replayed only with --detach", 2);
        if (address === undefined) fail("docker: Cannot connect to the Docker daemon.", 125);
        process.stdout.write(`${CONTAINER}\n`);
        return;
      case "port":
        process.stdout.write(`${address}\n`);
        return;
      case "exec":
        return;
      case "rm":
        process.stdout.write(`${CONTAINER}\n`);
        return;
      default:
        fail(`stub: docker ${args[0]} is not replayed`, 2);
    }
  },
  125,
);
