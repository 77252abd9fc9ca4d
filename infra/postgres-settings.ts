/* Postgres settings of the embedded server, apart from it: the production config validates them too. */

/**
 * shared_buffers of an embedded Postgres unless told otherwise. Postgres' own default (128MB) is what a ledger of
 * ~100k grants outgrows: from then on every few grants evict a buffer and read a random index page back from the OS
 * (bench:ledger prints evictions per grant). Shared memory is touched as used, so a small database costs no more.
 */
export const EMBEDDED_SHARED_BUFFERS = '512MB';

/** A Postgres memory size as the server reads it: a whole number of MB or GB (below 1MB it refuses to start). */
export const POSTGRES_MEMORY_SETTING = /^[1-9][0-9]{0,5}(MB|GB)$/;
