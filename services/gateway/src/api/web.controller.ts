import { Controller, Get, Header, Inject } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '@opencheckout/errors';
import { GATEWAY_APP, type GatewayApp } from '../gateway-app.js';

/** The built web app (services/web/build), resolved once. */
export function webBuildDir(configured: string | undefined): string {
  return configured ?? join(import.meta.dirname, '..', '..', '..', 'web', 'build');
}

/** The dashboard and the hosted checkout page are one single-page app: its routes all answer index.html. */
@Controller()
export class WebController {
  private readonly indexHtml: string | null;

  constructor(@Inject(GATEWAY_APP) app: GatewayApp) {
    const index = join(webBuildDir(app.config.WEB_BUILD_DIR), 'index.html');
    this.indexHtml = existsSync(index) ? readFileSync(index, 'utf8') : null;
  }

  @Get(['dashboard', 'dashboard/*', 'checkout/:id'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    if (this.indexHtml === null) {
      throw new NotFoundError('page', 'the web app is not built (npm run build:web)');
    }
    return this.indexHtml;
  }
}
