// Every key a result, an error list or an event detail of the built module can have, and array indices:
// the keys a hostile page traps on Object.prototype (tests/node/hostile.test.mjs, tests/browser/hostile.spec.mjs).

/** `evaluate` and `standards` are the built module's exports. */
export function outputKeys(evaluate, standards) {
  const keys = new Set(["errors", "detail", "field", "code", "message", "message_zh"]);
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        keys.add(k);
        walk(v);
      }
    }
  };
  walk(evaluate({ jurisdiction: "xam", settlement: "city", households: 1250, planned: { total_m2: 420, office_m2: 60 } }));
  walk(evaluate({ jurisdiction: "dongsheng", settlement: "city", construction: "new", programme: "beijiang_demo", households: 2000, population: 5200 }));
  walk(evaluate({ jurisdiction: "renshou", settlement: "city", households: 5000 }));
  walk(standards());
  for (let i = 0; i < 64; i++) keys.add(String(i));
  return [...keys];
}
