// Preloaded (with --expose-gc) into the servers `npm run bench:feed` measures: SIGUSR2 runs a full
// garbage collection, so memory per connection counts what the connections keep, not garbage that
// happens not to have been collected yet.
process.on('SIGUSR2', () => globalThis.gc());
