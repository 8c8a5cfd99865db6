/** The request-reply subject a service answers to say it is up and its dependencies answer. */
export function healthPattern(service: string): string {
  return `health.${service}`;
}
