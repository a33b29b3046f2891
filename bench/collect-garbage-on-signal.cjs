// Preloaded (with --expose-gc) into the servers `npm run bench:feed` measures and the fault suite
// runs: SIGUSR2 runs two full garbage collections, so a memory figure counts what the server keeps,
// not garbage that happens not to have been collected yet. The second, a moment later, lets V8 give
// back heap pages the first one emptied (after one alone, RSS still varied by 20-30 MB run to run
// with the same 30 MB of live heap).
// With GC_REPORT set, it then writes what the memory is made of to stderr, so that a memory figure
// that surprises can be read apart.
process.on('SIGUSR2', () => {
  globalThis.gc();
  setTimeout(() => {
    globalThis.gc();
    if (process.env.GC_REPORT) setTimeout(reportMemory, 500);
  }, 100);
});

function reportMemory() {
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([name, bytes]) => [name, mb(bytes)]));
  const spaces = Object.fromEntries(
    process
      .getBuiltinModule('node:v8')
      .getHeapSpaceStatistics()
      .filter((space) => space.physical_space_size > 0)
      .map((space) => [space.space_name, mb(space.physical_space_size)]),
  );
  process.stderr.write(`memory after garbage collection (MB): ${JSON.stringify({ ...usage, spaces })}\n`);
}
