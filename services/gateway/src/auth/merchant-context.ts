/** Who is calling, as the gateway authenticated them. */
export interface MerchantPrincipal {
  merchantId: string;
  livemode: boolean;
  keyId: string;
  scopes: string[];
}

/** The request with what the gateway learnt of it. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: MerchantPrincipal;
  id?: string;
  ip?: string;
  method?: string;
  url?: string;
}
