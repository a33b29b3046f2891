/**
 * `compute` made into a function that computes once per object and then answers from a WeakMap,
 * for as long as the object lives: for what is derived from an immutable object (a feed event, a
 * hub snapshot) and asked for again and again.
 */
export function oncePerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
