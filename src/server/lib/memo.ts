/** The value of `key` in `map`, made by `make` the first time it is asked for. */
export function getOrMake<K, V>(map: Map<K, V>, key: K, make: (key: K) => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = make(key);
  map.set(key, value);
  return value;
}
