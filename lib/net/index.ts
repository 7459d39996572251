/** Outgoing HTTP for the server: the SSRF guard and its address policy. */
export { createGuardedFetch, DEFAULT_MAX_REDIRECTS, type GuardedFetchOptions, type Resolver } from "./guarded-fetch";
export {
  createAddressPolicy,
  parseAllowList,
  splitAllowList,
  type AddressPolicy,
  type AddressPolicyOptions,
  type Verdict,
} from "./address-policy";
export { BlockedAddressError } from "./blocked-error";
