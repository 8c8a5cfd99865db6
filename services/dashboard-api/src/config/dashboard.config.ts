import { IsArray, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EnvInt, EnvList } from '@opencheckout/config';

/** dashboard-api's own settings; database, NATS and log settings come from @opencheckout/config. */
export class DashboardConfig {
  /** AES-256 key (64 hex characters or base64 of 32 bytes) sealing mnemonics and stored create answers. */
  @IsString()
  OPENCHECKOUT_ENCRYPTION_KEY!: string;

  /** Written into every ciphertext, so the key can rotate. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  OPENCHECKOUT_ENCRYPTION_KEY_ID: string = 'k1';

  /**
   * The webhook dispatcher's RSA public key (PEM, or base64 of the PEM):
   * endpoint secrets are sealed to it. Unset: endpoints cannot be created.
   */
  @IsOptional()
  @IsString()
  WEBHOOK_SIGNING_PUBLIC_KEY?: string;

  /** Hosts, IPs or CIDRs that live-mode webhook URLs may use although private (development). */
  @EnvList()
  @IsArray()
  @IsString({ each: true })
  WEBHOOK_URL_ALLOWLIST: string[] = [];

  /** How long a rotated-out webhook secret keeps signing by default. */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS: number = 24 * 3600;
}

/** PEM as given, or decoded from base64 (environment variables carry newlines badly). */
export function publicKeyPem(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (text.startsWith('-----BEGIN')) return text.replaceAll('\\n', '\n');
  return Buffer.from(text, 'base64').toString('utf8');
}
