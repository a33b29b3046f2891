/** What `run` threw (undefined when it returned), to assert an error's class and its fields. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
