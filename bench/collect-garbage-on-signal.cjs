// Preloaded (with --expose-gc) into the servers `npm run bench:feed` measures and the fault suite
// runs: SIGUSR2 runs two full garbage collections, so a memory figure counts what the server keeps,
// not garbage that happens not to have been collected yet. The second, a moment later, lets V8 give
// back heap pages the first one emptied (after one alone, RSS still varied by 20-30 MB run to run
// with the same 30 MB of live heap).
process.on('SIGUSR2', () => {
  globalThis.gc();
  setTimeout(() => globalThis.gc(), 100);
});
