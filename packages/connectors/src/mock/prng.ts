/**
 * Seeded hashing and a small PRNG. The mock platform derives every item's content and fate from
 * `hashInts(seed, item, step…)`, so any item at any step can be computed alone, without generating the others.
 */

const TWO_POW_32 = 4294967296;
/** Bound once: under jest's vm sandbox every global lookup (`Math`) in a hot loop costs hundreds of ns. */
const { imul, floor } = Math;

/** murmur3's 32-bit finalizer: a cheap, well-mixed bijection on 32-bit integers. */
export function mix32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes up to three integers (each taken modulo 2^32) into one unsigned 32-bit value. */
export function hashInts(a: number, b = 0, c = 0): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h + imul(b | 0, 0xcc9e2d51) + ((b / TWO_POW_32) | 0));
  h = mix32(h ^ imul(c | 0, 0x1b873593));
  return h;
}

/** A hash mapped to [0, 1). */
export function hashUnit(a: number, b = 0, c = 0): number {
  return hashInts(a, b, c) / TWO_POW_32;
}

/** mulberry32: tiny, fast and good enough for choosing words; seeded per item so content is reproducible. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  /** An integer in [0, bound). */
  int(bound: number): number {
    return floor(this.next() * bound);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
