import type { Json } from "./expressions";

type Leg = Record<string, Json>;

function matches(leg: Leg, partial: Leg): boolean {
  return Object.entries(partial).every(
    ([k, v]) => !(k in leg) || JSON.stringify(leg[k]) === JSON.stringify(v),
  );
}

/**
 * The legs of an evaluated `strategy:` as GitHub expands its matrix
 * (docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations):
 * the product of the vectors, less `exclude`, then each `include` entry added to every leg whose
 * original values it does not overwrite, or as a leg of its own.
 */
export function matrixOf(strategy: Json): Leg[] {
  const matrix = ((strategy as Record<string, Json> | null)?.matrix ?? {}) as Record<string, Json>;
  const { include = [], exclude = [], ...vectors } = matrix;
  let legs: Leg[] = [{}];
  for (const [key, values] of Object.entries(vectors)) {
    if (!Array.isArray(values)) throw new Error(`matrix.${key} is not a list`);
    legs = legs.flatMap((leg) => values.map((value) => ({ ...leg, [key]: value })));
  }
  if (Object.keys(vectors).length === 0) legs = [];
  legs = legs.filter(
    (leg) =>
      !(exclude as Leg[]).some((ex) =>
        Object.entries(ex).every(([k, v]) => JSON.stringify(leg[k]) === JSON.stringify(v)),
      ),
  );
  const originals = legs.map((leg) => ({ ...leg }));
  for (const entry of include as Leg[]) {
    const hits = originals
      .map((original, i) =>
        matches(original, entry) && Object.keys(vectors).some((k) => k in entry) ? i : -1,
      )
      .filter((i) => i >= 0);
    if (hits.length === 0) legs.push({ ...entry });
    for (const i of hits) Object.assign(legs[i] as Leg, entry);
  }
  if (legs.length === 0) throw new Error("the matrix has no legs: GitHub fails such a job");
  return legs;
}
