export const HELP = `switchyard — run and check Switchyard flow documents from the command line

Usage:
  switchyard run <flow.json> [--params <json>] [--vars <json>] [--credentials <json>] [--dry-run] [--json] [--quiet]
  switchyard validate <flow.json> [--json]
  switchyard --help | --version

Commands:
  run        Validate the document, run it in this process (in-memory run store) and print its outputs.
  validate   Check the document (shape, graph, node types, config, expressions) and print every problem.

Options:
  --params <json>        Run parameters as a JSON object, or @file.json to read them from a file.
  --vars <json>          Workspace variables for the run (JSON object or @file.json).
  --credentials <json>   Credentials by id: {"cred_x": {"type": "...", "data": {...}}} (JSON or @file.json).
  --dry-run              Side-effect nodes do not call out; they return the request they would send.
  --json                 Print one JSON object (run, steps, outputs, artifacts) on stdout; progress goes to stderr.
  --quiet                No progress display.
  -h, --help             Show this help.
  -v, --version          Show the version.

Exit codes: 0 success, 1 the run failed (or was cancelled), 2 invalid document, parameters or usage.
`;
