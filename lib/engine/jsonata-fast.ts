/**
 * A synchronous evaluator for the plain subset of JSONata that most transforms and `{{ }}`
 * fields use: object constructors with literal keys, field paths, literals, `$` and bound
 * variables, `& + - * / % = != < <= > >= and or`, `? :` and a few string functions.
 *
 * JSONata's own evaluator is asynchronous at every AST node (a promise per node, an
 * environment per call); mapped over a million elements that is most of the run's time and
 * garbage. This one compiles the AST once into nested closures.
 *
 * It never decides a hard case: any shape it does not know (an array on the way, sequences,
 * a type error JSONata would report, an unbound variable) returns BAIL and the caller runs
 * JSONata itself, so results and error messages stay JSONata's. Objects it builds are plain
 * objects, where JSONata's have no prototype; their keys, values and JSON are the same.
 */

export const BAIL: unique symbol = Symbol("jsonata-fast.bail");
type Bail = typeof BAIL;

type Bindings = Readonly<Record<string, unknown>> | undefined;
type Fn = (input: unknown, bindings: Bindings) => unknown;
export type FastEvaluator = (input: unknown, bindings: Bindings) => unknown;

interface Ast {
  type: string;
  value?: unknown;
  position?: number;
  steps?: Ast[];
  lhs?: Ast | [Ast, Ast][];
  rhs?: Ast;
  expression?: Ast;
  arguments?: Ast[];
  procedure?: Ast;
  condition?: Ast;
  then?: Ast;
  else?: Ast;
}

/** Keys each supported node may carry; anything else (predicates, stages, grouping, focus…) is JSONata's to handle. */
const ALLOWED_KEYS: Record<string, ReadonlySet<string>> = {
  string: new Set(["type", "value", "position"]),
  number: new Set(["type", "value", "position"]),
  value: new Set(["type", "value", "position"]),
  name: new Set(["type", "value", "position"]),
  variable: new Set(["type", "value", "position"]),
  path: new Set(["type", "steps"]),
  binary: new Set(["type", "value", "position", "lhs", "rhs"]),
  unary: new Set(["type", "value", "position", "lhs", "expression"]),
  condition: new Set(["type", "position", "condition", "then", "else"]),
  function: new Set(["type", "value", "position", "arguments", "procedure"]),
};

class Unsupported extends Error {}

function shapeOk(node: Ast): void {
  const allowed = ALLOWED_KEYS[node.type];
  if (!allowed) throw new Unsupported(node.type);
  // The parser leaves some keys present but undefined (a function call's `name`).
  for (const k of Object.keys(node))
    if (!allowed.has(k) && (node as unknown as Record<string, unknown>)[k] !== undefined) throw new Unsupported(k);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value JSONata would treat as a single plain value (no sequence semantics, no function). */
const simple = (v: unknown): boolean => typeof v !== "function" && !Array.isArray(v);

/** JSONata's `$string` for the values it can convert without a replacer walk. */
function toText(v: unknown): string | Bail {
  if (typeof v === "string") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return BAIL;
    return JSON.stringify(Number.isInteger(v) ? v : Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean" || v === null) return JSON.stringify(v);
  return BAIL;
}

/** JSONata's effective boolean value (`$boolean`), or BAIL for arrays and functions. */
function truth(v: unknown): boolean | undefined | Bail {
  if (v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return Number.isNaN(v) ? false : v !== 0;
  if (v === null) return false;
  if (isObject(v)) return Object.keys(v).length > 0;
  return BAIL;
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function compileNode(node: Ast): Fn {
  shapeOk(node);
  switch (node.type) {
    case "string":
    case "number":
    case "value": {
      const value = node.value;
      if (typeof value === "number" && !Number.isFinite(value)) throw new Unsupported("number");
      return () => value;
    }
    case "variable":
      return compileVariable(String(node.value));
    case "path":
      return compilePath(node.steps ?? []);
    case "unary":
      return compileUnary(node);
    case "binary":
      return compileBinary(node);
    case "condition":
      return compileCondition(node);
    case "function":
      return compileFunction(node);
    default:
      throw new Unsupported(node.type);
  }
}

function compileVariable(name: string): Fn {
  if (name === "") return (input) => (simple(input) ? input : BAIL);
  return (_input, bindings) => {
    if (!bindings || !Object.prototype.hasOwnProperty.call(bindings, name)) return BAIL;
    const v = bindings[name];
    return typeof v === "function" ? BAIL : v;
  };
}

/** `a.b.c` (optionally from `$`): own fields of plain objects; an array on the way is JSONata's. */
function compilePath(steps: Ast[]): Fn {
  if (steps.length === 0) throw new Unsupported("path");
  let from = 0;
  if (steps[0]!.type === "variable") {
    shapeOk(steps[0]!);
    if (steps[0]!.value !== "") throw new Unsupported("path variable");
    from = 1;
  }
  const keys: string[] = [];
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    shapeOk(step);
    if (step.type !== "name" || typeof step.value !== "string") throw new Unsupported("path step");
    keys.push(step.value);
  }
  if (keys.length === 0) return (input) => (simple(input) ? input : BAIL);
  const last = keys.length - 1;
  return (input) => {
    let cur = input;
    for (let i = 0; i <= last; i++) {
      if (Array.isArray(cur) || typeof cur === "function") return BAIL;
      if (typeof cur !== "object" || cur === null) return undefined;
      const key = keys[i]!;
      if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
    // A plain array at the end of a one-object path comes back as it is; functions are JSONata's.
    return typeof cur === "function" ? BAIL : cur;
  };
}

function compileUnary(node: Ast): Fn {
  if (node.value === "-") {
    const inner = compileNode(node.expression!);
    return (input, b) => {
      const v = inner(input, b);
      if (v === BAIL || v === undefined) return v;
      return isNumber(v) ? -v : BAIL;
    };
  }
  if (node.value !== "{" || !Array.isArray(node.lhs)) throw new Unsupported("unary");
  const pairs = node.lhs;
  const keys: string[] = [];
  const values: Fn[] = [];
  for (const [k, v] of pairs) {
    shapeOk(k);
    if (k.type !== "string" || typeof k.value !== "string") throw new Unsupported("computed key");
    // Duplicate keys are a JSONata error; these keys would change the prototype or JSONata's flags.
    if (keys.includes(k.value) || k.value === "__proto__" || k.value.startsWith("_jsonata_")) throw new Unsupported("key");
    keys.push(k.value);
    values.push(compileNode(v));
  }
  const n = keys.length;
  return (input, b) => {
    // Over an array JSONata groups the elements by key.
    if (Array.isArray(input) || typeof input === "function") return BAIL;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const v = values[i]!(input, b);
      if (v === BAIL) return BAIL;
      if (v !== undefined) out[keys[i]!] = v;
    }
    return out;
  };
}

const NUMERIC = new Set(["+", "-", "*", "/", "%"]);
const COMPARE = new Set(["<", "<=", ">", ">="]);

function compileBinary(node: Ast): Fn {
  const op = node.value as string;
  const lhs = compileNode(node.lhs as Ast);
  const rhs = compileNode(node.rhs!);
  if (op === "&") {
    return (input, b) => {
      const l = lhs(input, b);
      if (l === BAIL) return BAIL;
      const r = rhs(input, b);
      if (r === BAIL) return BAIL;
      const ls = l === undefined ? "" : toText(l);
      const rs = r === undefined ? "" : toText(r);
      return ls === BAIL || rs === BAIL ? BAIL : ls + rs;
    };
  }
  if (NUMERIC.has(op)) {
    return (input, b) => {
      const l = lhs(input, b);
      if (l === BAIL) return BAIL;
      const r = rhs(input, b);
      if (r === BAIL) return BAIL;
      if ((l !== undefined && !isNumber(l)) || (r !== undefined && !isNumber(r))) return BAIL;
      if (l === undefined || r === undefined) return undefined;
      const v = op === "+" ? l + r : op === "-" ? l - r : op === "*" ? l * r : op === "/" ? l / r : l % r;
      return Number.isFinite(v) ? v : BAIL;
    };
  }
  if (op === "=" || op === "!=") {
    const equal = op === "=";
    return (input, b) => {
      const l = lhs(input, b);
      if (l === BAIL) return BAIL;
      const r = rhs(input, b);
      if (r === BAIL) return BAIL;
      if (l === undefined || r === undefined) return false;
      // Deep equality of objects and arrays is JSONata's.
      if ((typeof l === "object" && l !== null) || (typeof r === "object" && r !== null)) return BAIL;
      return (l === r) === equal;
    };
  }
  if (COMPARE.has(op)) {
    return (input, b) => {
      const l = lhs(input, b);
      if (l === BAIL) return BAIL;
      const r = rhs(input, b);
      if (r === BAIL) return BAIL;
      const lt = typeof l;
      const rt = typeof r;
      if ((lt !== "undefined" && lt !== "string" && lt !== "number") || (rt !== "undefined" && rt !== "string" && rt !== "number"))
        return BAIL;
      if (l === undefined || r === undefined) return undefined;
      if (lt !== rt || (lt === "number" && (!isNumber(l) || !isNumber(r)))) return BAIL;
      const a = l as string | number;
      const c = r as string | number;
      return op === "<" ? a < c : op === "<=" ? a <= c : op === ">" ? a > c : a >= c;
    };
  }
  if (op === "and" || op === "or") {
    const and = op === "and";
    return (input, b) => {
      const l = truth(lhs(input, b));
      if (l === BAIL) return BAIL;
      if (and ? !l : l) return !and;
      const r = truth(rhs(input, b));
      if (r === BAIL) return BAIL;
      return r === true;
    };
  }
  throw new Unsupported(`operator ${op}`);
}

function compileCondition(node: Ast): Fn {
  const test = compileNode(node.condition!);
  const then = compileNode(node.then!);
  const otherwise = node.else === undefined ? undefined : compileNode(node.else);
  return (input, b) => {
    const t = truth(test(input, b));
    if (t === BAIL) return BAIL;
    if (t) return then(input, b);
    return otherwise ? otherwise(input, b) : undefined;
  };
}

type Builtin = { arity: number; apply: (args: unknown[]) => unknown };

const stringArg = (v: unknown): v is string | undefined => v === undefined || typeof v === "string";

const BUILTINS: Record<string, Builtin> = {
  uppercase: { arity: 1, apply: ([s]) => (stringArg(s) ? s?.toUpperCase() : BAIL) },
  lowercase: { arity: 1, apply: ([s]) => (stringArg(s) ? s?.toLowerCase() : BAIL) },
  substringBefore: {
    arity: 2,
    apply: ([s, chars]) => {
      if (!stringArg(s) || typeof chars !== "string") return BAIL;
      if (s === undefined) return undefined;
      const at = s.indexOf(chars);
      return at > -1 ? s.slice(0, at) : s;
    },
  },
  substringAfter: {
    arity: 2,
    apply: ([s, chars]) => {
      if (!stringArg(s) || typeof chars !== "string") return BAIL;
      if (s === undefined) return undefined;
      const at = s.indexOf(chars);
      return at > -1 ? s.slice(at + chars.length) : s;
    },
  },
  contains: {
    arity: 2,
    apply: ([s, token]) => {
      if (!stringArg(s) || !stringArg(token)) return BAIL;
      return s === undefined || token === undefined ? undefined : s.includes(token);
    },
  },
  string: { arity: 1, apply: ([v]) => (v === undefined ? undefined : toText(v)) },
  boolean: { arity: 1, apply: ([v]) => truth(v) },
  not: {
    arity: 1,
    apply: ([v]) => {
      const t = truth(v);
      return t === BAIL || t === undefined ? t : !t;
    },
  },
  exists: { arity: 1, apply: ([v]) => (typeof v === "function" ? BAIL : v !== undefined) },
};

function compileFunction(node: Ast): Fn {
  const proc = node.procedure!;
  shapeOk(proc);
  if (proc.type !== "variable" || typeof proc.value !== "string") throw new Unsupported("procedure");
  const name = proc.value;
  const builtin = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
  const args = (node.arguments ?? []).map(compileNode);
  // Fewer arguments take the context (`$uppercase()`), more are an error: JSONata's cases.
  if (!builtin || args.length !== builtin.arity) throw new Unsupported(`function ${name}`);
  return (input, b) => {
    // A binding of the same name shadows the built-in.
    if (b && Object.prototype.hasOwnProperty.call(b, name)) return BAIL;
    const values = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!(input, b);
      if (v === BAIL || Array.isArray(v) || typeof v === "function") return BAIL;
      values[i] = v;
    }
    return builtin.apply(values);
  };
}

/**
 * The fast evaluator of a parsed JSONata AST, or undefined when the expression uses anything
 * outside the subset. The evaluator returns BAIL when this input needs JSONata itself.
 */
export function compileFast(ast: unknown): FastEvaluator | undefined {
  let fn: Fn;
  try {
    fn = compileNode(ast as Ast);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return (input, bindings) => {
    // JSONata wraps an array input; its sequence rules are its own.
    if (Array.isArray(input)) return BAIL;
    try {
      return fn(input, bindings);
    } catch {
      return BAIL;
    }
  };
}
