import { RecurringInterval, SessionMode, SessionStatus } from '@opencheckout/contracts';

/** The public names of the session enums, shared by both API shapes. */
export const MODES = { payment: SessionMode.PAYMENT, donation: SessionMode.DONATION, subscription: SessionMode.SUBSCRIPTION };

export const MODE_NAMES: Record<SessionMode, string> = {
  [SessionMode.UNSPECIFIED]: 'payment',
  [SessionMode.PAYMENT]: 'payment',
  [SessionMode.DONATION]: 'donation',
  [SessionMode.SUBSCRIPTION]: 'subscription',
};

export const INTERVALS = {
  day: RecurringInterval.DAY,
  week: RecurringInterval.WEEK,
  month: RecurringInterval.MONTH,
  year: RecurringInterval.YEAR,
};

export const INTERVAL_NAMES: Record<RecurringInterval, string | null> = {
  [RecurringInterval.UNSPECIFIED]: null,
  [RecurringInterval.DAY]: 'day',
  [RecurringInterval.WEEK]: 'week',
  [RecurringInterval.MONTH]: 'month',
  [RecurringInterval.YEAR]: 'year',
};

export const STATUS_NAMES: Record<SessionStatus, string> = {
  [SessionStatus.UNSPECIFIED]: 'pending',
  [SessionStatus.PENDING]: 'pending',
  [SessionStatus.DETECTED]: 'detected',
  [SessionStatus.PAID]: 'paid',
  [SessionStatus.UNDERPAID]: 'underpaid',
  [SessionStatus.OVERPAID]: 'overpaid',
  [SessionStatus.EXPIRED]: 'expired',
  [SessionStatus.PAID_LATE]: 'paid_late',
  [SessionStatus.CANCELED]: 'canceled',
};

export const STATUS_BY_NAME = Object.fromEntries(
  Object.entries(STATUS_NAMES)
    .filter(([key]) => Number(key) !== SessionStatus.UNSPECIFIED)
    .map(([key, name]) => [name, Number(key) as SessionStatus]),
) as Record<string, SessionStatus>;
