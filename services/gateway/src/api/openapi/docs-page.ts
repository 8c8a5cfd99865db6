import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The docs page: Swagger UI from the installed swagger-ui-dist, served by the
 * gateway itself, so the page loads nothing from elsewhere. URLs are relative
 * so it also works behind a path prefix.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpenCheckout API reference</title>
<link rel="stylesheet" href="./docs/swagger-ui.css">
<style>body { margin: 0; } .swagger-ui .topbar { display: none; }</style>
</head>
<body>
<div id="swagger-ui"><noscript>This page renders <a href="./openapi.json">openapi.json</a>; it needs JavaScript.</noscript></div>
<script src="./docs/swagger-ui-bundle.js"></script>
<script src="./docs/docs.js"></script>
</body>
</html>
`;

/** validatorUrl: null keeps Swagger UI from sending the document to an outside validator. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: './openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
  });
});
`;

export interface DocsAsset {
  contentType: string;
  body: string;
}

const ASSET_FILES: Record<string, { file: string; contentType: string }> = {
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', contentType: 'application/javascript; charset=utf-8' },
  'swagger-ui.css': { file: 'swagger-ui.css', contentType: 'text/css; charset=utf-8' },
};

const cache = new Map<string, DocsAsset>();

/** One of the page's assets by name, or null for any other name (no path from the request reaches the file system). */
export function docsAsset(name: string): DocsAsset | null {
  if (name === 'docs.js') return { contentType: 'application/javascript; charset=utf-8', body: INIT_SCRIPT };
  const known = ASSET_FILES[name];
  if (known === undefined) return null;
  let asset = cache.get(name);
  if (asset === undefined) {
    const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    // The bundle ends with a source map comment for a file we do not serve.
    const body = readFileSync(join(root, known.file), 'utf8').replace(/\n\/[/*]# sourceMappingURL=\S+\s*$/, '\n');
    asset = { contentType: known.contentType, body };
    cache.set(name, asset);
  }
  return asset;
}
