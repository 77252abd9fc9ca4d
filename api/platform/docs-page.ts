import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * A dependency-free API reference: the page fetches /openapi.json and renders each operation (method, path, roles,
 * parameters, body and responses). No CDN assets, since machines running perkflow may have no internet access.
 * The script is inline and allowed by a per-response CSP nonce, so helmet's strict CSP stays on for everything else.
 */
const SCRIPT = String.raw`
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const resolve = (doc, schema) => {
  if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()] || schema;
  return schema;
};
const json = (doc, schema) => '<pre>' + esc(JSON.stringify(resolve(doc, schema), null, 2)) + '</pre>';
const render = (doc) => {
  const out = [];
  out.push('<h1>' + esc(doc.info.title) + ' <small>' + esc(doc.info.version) + ' · OpenAPI ' + esc(doc.openapi) + '</small></h1>');
  out.push('<p>Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code> (or <code>X-Api-Key</code>). Errors are <code>application/problem+json</code>. Raw spec: <a href="/openapi.json">/openapi.json</a>.</p>');
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of byTag) {
    out.push('<h2>' + esc(tag) + '</h2>');
    for (const { path, method, op } of ops) {
      out.push('<details class="op" id="' + esc(op.operationId || '') + '"><summary><span class="m ' + esc(method) + '">' + esc(method.toUpperCase()) + '</span> <code>' + esc(path) + '</code> — ' + esc(op.summary || '') + '</summary>');
      if (op.description) out.push('<p>' + esc(op.description).replace(/\n/g, '<br>') + '</p>');
      if (op.parameters && op.parameters.length) {
        out.push('<h4>Parameters</h4><table><tr><th>in</th><th>name</th><th>required</th><th>schema</th></tr>');
        for (const p of op.parameters) out.push('<tr><td>' + esc(p.in) + '</td><td><code>' + esc(p.name) + '</code></td><td>' + (p.required ? 'yes' : 'no') + '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>');
        out.push('</table>');
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      if (body) out.push('<h4>Request body</h4>' + json(doc, body.schema));
      out.push('<h4>Responses</h4><ul>');
      for (const [status, r] of Object.entries(op.responses || {})) {
        const content = r.content && Object.entries(r.content)[0];
        out.push('<li><b>' + esc(status) + '</b> ' + esc(r.description || '') + (content ? ' <code>' + esc(content[0]) + '</code>' + (status < 300 ? json(doc, content[1].schema) : '') : '') + '</li>');
      }
      out.push('</ul></details>');
    }
  }
  document.getElementById('app').innerHTML = out.join('\n');
};
fetch('/openapi.json').then((r) => r.json()).then(render).catch((e) => {
  document.getElementById('app').textContent = 'Could not load /openapi.json: ' + e;
});
`;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
h1 small { font-size: 0.5em; color: #777; font-weight: normal; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
details.op { border: 1px solid #e3e3e3; border-radius: 6px; margin: 0.4rem 0; padding: 0.4rem 0.7rem; }
summary { cursor: pointer; }
.m { display: inline-block; min-width: 4.2rem; text-align: center; border-radius: 4px; color: #fff; font-weight: 600; font-size: 0.8rem; padding: 0.1rem 0.3rem; }
.get { background: #2b7bb9; } .post { background: #2f9e44; } .put, .patch { background: #e67700; } .delete { background: #c92a2a; }
pre { background: #f6f8fa; padding: 0.6rem; overflow: auto; font-size: 0.8rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #e3e3e3; padding: 0.2rem 0.5rem; text-align: left; }
`;

export function docsPage(title: string): RequestHandler {
  return (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; ` +
        `connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — API reference</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="app"><p>Loading <a href="/openapi.json">/openapi.json</a>…</p></main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`);
  };
}
