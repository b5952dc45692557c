// Renders TeX to MathML with the npm `katex` package, for the whole build in one Node process. The
// browser draws the MathML itself (sitemath/mathml.py says why and what is changed in it).
// Protocol: one JSON request per line on stdin, {"items": [{"tex": "...", "display": true}, ...]};
// one JSON answer per line on stdout, {"results": [{"html": "..."} or {"error": "..."}, ...]}.
import { createInterface } from "node:readline";
import katex from "katex";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });

function render({ tex, display }) {
  try {
    return {
      html: katex.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        output: "mathml",
        strict: "ignore", // CJK inside \text{} is fine here
      }),
    };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  process.stdout.write(JSON.stringify({ results: request.items.map(render) }) + "\n");
}
