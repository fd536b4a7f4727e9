// MDX posts rendered as their Next.js site rendered them, for tests/realworld/fidelity.py.
// stdin: {"files": [absolute paths], "components": {"Name": paired}}; stdout: {path: html}.
// The site's own components are not in the corpus: a paired one (the posts close it) renders
// its children unchanged, any other renders nothing, as the Hugo stand-ins in fidelity.py do.
import { readFile } from "node:fs/promises";
import { evaluate } from "@mdx-js/mdx";
import { createElement, Fragment } from "react";
import * as runtime from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { files, components: paired } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const components = Object.fromEntries(
  Object.entries(paired).map(([name, isPaired]) => [
    name,
    isPaired ? ({ children }) => createElement(Fragment, null, children) : () => null,
  ]),
);

const html = {};
for (const path of files) {
  const value = await readFile(path, "utf8");
  try {
    const { default: Content } = await evaluate(
      { path, value },
      { ...runtime, remarkPlugins: [remarkFrontmatter, remarkGfm] },
    );
    html[path] = renderToStaticMarkup(createElement(Content, { components }));
  } catch (error) {
    const where = error.line ? `${path}:${error.line}:${error.column ?? 0}` : path;
    process.stderr.write(`${where}: ${error.reason ?? error.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(html));
