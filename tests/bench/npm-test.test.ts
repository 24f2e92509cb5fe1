import { childrenCpuSeconds, median } from "../../bench/npm-test";

describe("median", () => {
  it.each([
    { values: [3], expected: 3 },
    { values: [70, 50, 60], expected: 60 },
    { values: [4, 1, 3, 2], expected: 2.5 },
  ])("of $values is $expected", ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it("refuses no values", () => {
    expect(() => median([])).toThrow(new Error("median of no values"));
  });
});

describe("childrenCpuSeconds", () => {
  it("adds the children's user and system ticks, after a command name with spaces and parentheses", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const stat =
      "4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 200 0 0 37 5 8123 977 20 0 7 0";
    expect(childrenCpuSeconds(stat)).toBe(91);
  });

  it("refuses a line without the fields", () => {
    expect(() => childrenCpuSeconds("4242 (node) S 1")).toThrow(
      new Error("unexpected /proc stat line: 4242 (node) S 1"),
    );
  });
});
