import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { NotFoundError } from '@opencheckout/errors';
import { DOCS_HTML, docsAsset } from './docs-page.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';
import { operations } from './operations.js';

export const API_VERSION = '0.1.0';

interface ReplyLike {
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

/** `GET /api/openapi.json` (OpenAPI 3.1, generated from the DTOs) and `GET /api/docs`, the page that renders it. */
@Controller('api')
export class OpenApiController {
  private document?: OpenApiDocument;

  @Get('openapi.json')
  @Header('Cache-Control', 'no-cache')
  openApi(): OpenApiDocument {
    // Built once, on first use: the DTOs and routes do not change while the process runs.
    this.document ??= buildOpenApiDocument(operations(OpenApiController), API_VERSION);
    return this.document;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  docs(): string {
    return DOCS_HTML;
  }

  @Get('docs/:asset')
  asset(@Param('asset') name: string, @Res() reply: ReplyLike): void {
    const asset = docsAsset(name);
    if (asset === null) throw new NotFoundError('docs asset', name);
    reply.header('Content-Type', asset.contentType).header('Cache-Control', 'public, max-age=3600').send(asset.body);
  }
}
