/** A lifecycle rule refused a command; the app layer maps it onto the public error hierarchy. */
export class SessionRuleError extends Error {
  override readonly name = 'SessionRuleError';
  constructor(
    readonly code:
      | 'session_missing'
      | 'session_exists'
      | 'session_not_open'
      | 'status_unknown'
      | 'session_not_donation'
      | 'amount_below_minimum'
      | 'session_not_subscription',
    message: string,
  ) {
    super(message);
  }
}
