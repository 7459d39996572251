import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./args";
import { UsageError } from "./usage-error";

describe("parseCliArgs", () => {
  it("parses run with every option", () => {
    expect(
      parseCliArgs(["run", "f.json", "--params", "{}", "--vars", "@v.json", "--credentials", "{}", "--dry-run", "--json", "--quiet"]),
    ).toEqual({
      command: "run",
      file: "f.json",
      params: "{}",
      vars: "@v.json",
      credentials: "{}",
      dryRun: true,
      json: true,
      quiet: true,
    });
  });

  it("defaults flags to false and options to undefined", () => {
    expect(parseCliArgs(["run", "f.json"])).toEqual({
      command: "run",
      file: "f.json",
      params: undefined,
      vars: undefined,
      credentials: undefined,
      dryRun: false,
      json: false,
      quiet: false,
    });
  });

  it("maps help and version, also ahead of a command", () => {
    expect(parseCliArgs([])).toEqual({ command: "help" });
    expect(parseCliArgs(["run", "f.json", "-h"])).toEqual({ command: "help" });
    expect(parseCliArgs(["-v"])).toEqual({ command: "version" });
  });

  it.each([
    [["run"], "missing <flow.json>"],
    [["nope"], 'unknown command "nope"'],
    [["run", "f.json", "--params"], "--params"],
    [["validate", "f.json", "--params", "{}"], '--params is an option of "run"'],
    [["run", "f.json", "--nope"], "Unknown option '--nope'"],
  ])("rejects %j", (argv, message) => {
    const err = (() => {
      try {
        parseCliArgs(argv);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(message);
  });
});
