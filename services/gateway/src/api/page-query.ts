import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInt } from './validators.js';

/**
 * Cursor pagination as Stripe's lists take it: `limit` 1 to 100 (0 would read
 * as "unset" on the wire and silently mean the default), and an object id to
 * start after or end before. List queries extend it.
 */
export class PageQuery {
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  startingAfter?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  endingBefore?: string;
}

/** The page a list request asks for, with the list's own default size. */
export function pageOf(query: PageQuery, defaultLimit: number): { limit: number; startingAfter: string; endingBefore: string } {
  return { limit: query.limit ?? defaultLimit, startingAfter: query.startingAfter ?? '', endingBefore: query.endingBefore ?? '' };
}
