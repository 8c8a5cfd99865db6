// HD derivation (watch-only)
export { deriveAddress, receiveAddressAt, MAX_ADDRESS_INDEX } from './hd/derive-address.js';
export { validateXpub } from './hd/validate-xpub.js';
export { xpubFromMnemonic, normalizeMnemonic } from './hd/xpub-from-mnemonic.js';

// Secrets at rest
export { encryptSecret, SECRET_FORMAT_VERSION } from './secrets/encrypt-secret.js';
export { decryptSecret, secretKeyId } from './secrets/decrypt-secret.js';
export { reencryptSecret } from './secrets/reencrypt-secret.js';
export { parseSecretKey, assertSecretKey, type SecretKey } from './secrets/secret-key.js';
export { SecretDecryptionError } from './secrets/secret-decryption-error.js';

// Chains from config
export { ChainConfig, AssetConfig, RateSourceConfig, type RateSourceType } from './config/chain-config.js';
export { parseChainsConfig, validateChainsConfig } from './config/parse-chains-config.js';
export { devChainsConfig, ANVIL_CHAIN_ID, type DevChainsConfigParameters } from './config/dev-chains-config.js';

// Amounts: integers only, one rounding rule
export { fiatToAtomic, type FiatToAtomicParameters } from './amounts/fiat-to-atomic.js';
export { atomicToDecimalString, type AtomicToDecimalStringOptions } from './amounts/atomic-to-decimal-string.js';
export { decimalStringToAtomic, MAX_UINT256 } from './amounts/decimal-string-to-atomic.js';
export { decimalStringToRate } from './amounts/decimal-string-to-rate.js';
export { fiatDecimals, FIAT_DECIMALS } from './amounts/fiat-currencies.js';
export type { Rate } from './amounts/rate.js';

// Rates
export { systemClock, type Clock, type Quote, type RateSource } from './rates/rate-source.js';
export { FixedRateSource } from './rates/fixed-rate-source.js';
export { StablecoinRateSource } from './rates/stablecoin-rate-source.js';
export { ChainlinkRateSource, type ChainlinkRateSourceParameters } from './rates/chainlink-rate-source.js';
export { HttpRateSource, type HttpRateEndpoint, type HttpRateSourceParameters } from './rates/http-rate-source.js';
export { rateSourceFromConfig, type RateSourceFromConfigParameters } from './rates/rate-source-from-config.js';
export { aggregatorV3Abi } from './rates/aggregator-v3-abi.js';

// Test contracts (compiled at runtime with solc: dev and tests only)
export { compileContracts, type CompiledContract, type CompiledContracts } from './contracts/compile-contracts.js';
export { deployTestToken, type DeployTestTokenParameters } from './contracts/deploy-test-token.js';
export { deployMockAggregator, type DeployMockAggregatorParameters } from './contracts/deploy-mock-aggregator.js';
export { testTokenAbi, mockAggregatorAbi } from './contracts/test-token-abi.js';
