/**
 * A function giving the value made for an object, made on first use and kept while the object
 * lives (a WeakMap): a cache per database handle (a process has one, tests open many), or what
 * is worked out once from a list of view versions.
 */
export function onePerObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, value = make(key));
    return value;
  };
}
