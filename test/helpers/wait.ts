/**
 * Resolves once `check` holds, trying again every `everyMs`; fails naming `what` after `timeoutMs`.
 * For conditions nothing announces (a file descriptor closed, a page reloaded): the test waits for the
 * condition itself, never for a guessed time. A check that throws counts as "not yet".
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 5000, everyMs = 20 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
