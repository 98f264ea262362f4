#!/usr/bin/env node
// Imports run one way (DESIGN.md): routes -> services -> workflow -> db / lib / emails / text.
// This script reads every import of src/ and emails/ and fails on one that runs back up.
// Run by `npm run typecheck`.
//
// The layers, from the top: each may import only the layers its rule lists (and itself).
// Type-only imports (`import type`) follow the same rules: a type that a lower layer needs
// belongs in that layer or below it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");

/** Which layer a file belongs to, by its path. */
function layerOf(file) {
  const path = relative(ROOT, file).replaceAll("\\", "/");
  if (path.startsWith("emails/")) return "emails";
  if (path === "src/index.ts" || path === "src/app.ts") return "entry";
  for (const layer of ["routes", "middleware", "views", "services", "workflow", "db", "text", "lib"]) {
    if (path.startsWith(`src/${layer}/`)) return layer;
  }
  // The leaf modules every layer may use: bindings and configuration, the injected
  // dependencies' types, the error catalogue.
  if (["src/env.ts", "src/deps.ts", "src/errors.ts"].includes(path)) return "leaf";
  throw new Error(`${path}: no layer; put it in one of src/{routes,middleware,views,services,workflow,db,text,lib}/`);
}

/** Packages a layer may not import: queries belong to services and below, HTTP to routes. */
const FORBIDDEN_PACKAGES = {
  routes: ["drizzle-orm"],
  middleware: ["drizzle-orm"],
  views: ["drizzle-orm"],
  entry: ["drizzle-orm"],
};

/**
 * The rules, named: a layer may import the layers listed for it. `hono` marks the layers that
 * may import Hono itself (the HTTP side); services and below are plain functions.
 */
const RULES = {
  entry: {
    may: ["entry", "routes", "middleware", "views", "services", "workflow", "db", "text", "lib", "leaf", "emails"],
    hono: true,
  },
  routes: {
    may: ["routes", "middleware", "views", "services", "workflow", "db", "text", "lib", "leaf", "emails"],
    hono: true,
  },
  middleware: { may: ["middleware", "services", "db", "text", "lib", "leaf"], hono: true },
  // Pages render what their route hands them: no service, no database.
  views: { may: ["views", "text", "lib", "leaf"], hono: true },
  services: { may: ["services", "workflow", "db", "text", "lib", "leaf", "emails"], hono: false },
  workflow: { may: ["workflow", "db", "text", "lib", "leaf", "emails"], hono: false },
  db: { may: ["db", "lib", "leaf"], hono: false },
  emails: { may: ["emails", "text", "lib"], hono: false },
  text: { may: ["text", "lib"], hono: false },
  leaf: { may: ["leaf", "lib", "db", "text"], hono: false },
  // lib imports nothing of the project.
  lib: { may: ["lib"], hono: false },
};

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|(?:^|\n)\s*import\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(file, spec) {
  const base = resolve(dirname(file), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return null;
}

const problems = [];
for (const file of [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "emails"))]) {
  const from = layerOf(file);
  const rule = RULES[from];
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3];
    const where = relative(ROOT, file);
    if (!spec.startsWith(".")) {
      if ((spec === "hono" || spec.startsWith("hono/")) && !rule.hono)
        problems.push(`${where}: imports ${spec}, but ${from} must not depend on Hono`);
      const forbidden = (FORBIDDEN_PACKAGES[from] ?? []).find((p) => spec === p || spec.startsWith(`${p}/`));
      if (forbidden) problems.push(`${where}: imports ${spec}; ${from} calls services, which query the database`);
      continue;
    }
    const target = resolveImport(file, spec);
    if (!target) {
      problems.push(`${where}: cannot resolve ${spec}`);
      continue;
    }
    if (!target.startsWith(join(ROOT, "src")) && !target.startsWith(join(ROOT, "emails"))) {
      problems.push(`${where}: imports ${relative(ROOT, target)}, outside src/ and emails/`);
      continue;
    }
    const to = layerOf(target);
    if (!rule.may.includes(to))
      problems.push(
        `${where}: ${from} imports ${to} (${relative(ROOT, target)}); ${from} may import ${rule.may.join(", ")}`,
      );
  }
}

if (problems.length) {
  console.error(`Imports that run back up (scripts/check-layers.mjs):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("layers: every import runs one way");
