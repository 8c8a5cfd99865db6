/** Membership test for receive addresses. Implementations answer in O(1) whatever their size. */
export interface WatchedAddresses {
  /** `address` is lowercase hex. */
  has(address: string): boolean;
}

/** An in-memory set of lowercase addresses, fed by the watched-address projection. */
export class WatchedAddressSet implements WatchedAddresses {
  private readonly addresses = new Set<string>();

  constructor(addresses: Iterable<string> = []) {
    for (const address of addresses) this.add(address);
  }

  add(address: string): void {
    this.addresses.add(address.toLowerCase());
  }

  delete(address: string): void {
    this.addresses.delete(address.toLowerCase());
  }

  has(address: string): boolean {
    return this.addresses.has(address);
  }

  get size(): number {
    return this.addresses.size;
  }
}
