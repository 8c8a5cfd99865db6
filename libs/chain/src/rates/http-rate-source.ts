import { decimalTextToFraction } from './decimal-text-to-fraction.js';
import { JsonNumber, parseJsonLossless, type LosslessJson } from './parse-json-lossless.js';
import { systemClock, type Clock, type Quote, type RateSource } from './rate-source.js';
import { rateUnavailable, unsupportedPair } from './rate-unavailable.js';

export interface HttpRateEndpoint {
  /** `{asset}`, `{fiat}`, `{asset_lower}`, `{fiat_lower}` are substituted. */
  url: string;
  /** Dot path to the price in the JSON answer (same placeholders), e.g. "ethereum.{fiat_lower}". */
  path: string;
}

export interface HttpRateSourceParameters {
  /** asset code → endpoint. */
  endpoints: Record<string, HttpRateEndpoint>;
  /** Per-request timeout. Default 5000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  clock?: Clock;
}

/** Prices from a JSON HTTP API; the number is read from its text, never through a float. */
export class HttpRateSource implements RateSource {
  constructor(private readonly parameters: HttpRateSourceParameters) {}

  async quote(asset: string, fiatCurrency: string): Promise<Quote> {
    const endpoint = this.parameters.endpoints[asset];
    const fiat = fiatCurrency.toUpperCase();
    if (!endpoint || !/^[A-Z]{3}$/.test(fiat)) throw unsupportedPair(asset, fiatCurrency);
    const fill = (template: string) =>
      template
        .replaceAll('{asset}', asset)
        .replaceAll('{fiat}', fiat)
        .replaceAll('{asset_lower}', asset.toLowerCase())
        .replaceAll('{fiat_lower}', fiat.toLowerCase());
    const url = new URL(fill(endpoint.url));
    const doFetch = this.parameters.fetch ?? fetch;
    let body: string;
    try {
      const response = await doFetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.parameters.timeoutMs ?? 5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.text();
    } catch (cause) {
      throw rateUnavailable(asset, fiat, `the price service did not answer (${url.host})`, cause);
    }
    let node: LosslessJson | undefined;
    try {
      node = parseJsonLossless(body);
    } catch (cause) {
      throw rateUnavailable(asset, fiat, 'the price service answered invalid JSON', cause);
    }
    for (const key of fill(endpoint.path).split('.')) {
      node = node !== null && typeof node === 'object' && !(node instanceof JsonNumber) && Object.hasOwn(node, key)
        ? (node as Record<string, LosslessJson>)[key]
        : undefined;
    }
    const text = node instanceof JsonNumber ? node.text : typeof node === 'string' ? node : undefined;
    const rate = text === undefined ? undefined : decimalTextToFraction(text);
    if (!rate || rate.numerator === 0n) throw rateUnavailable(asset, fiat, 'the price service answered no positive price');
    return { ...rate, source: `http:${url.host}`, quotedAt: (this.parameters.clock ?? systemClock)() };
  }
}
