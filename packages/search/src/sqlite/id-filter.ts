/** Bits per id a layer is sized for: with HASHES_PER_ID bits set per id, about 0.8% false positives when full. */
const BITS_PER_ID = 10;
const HASHES_PER_ID = 7;
/** Each layer is sized for this many times the ids of the one before. */
const GROWTH = 4;

/**
 * A Bloom filter over document ids: says "certainly absent" for nearly every id never added, and never for one
 * that was, so DocumentIds can skip looking new documents up in search_ids (a B-tree probe each). A false
 * "maybe" costs only that probe.
 *
 * It grows without rereading any id: once its newest layer holds what it was sized for, ids go to a new layer
 * GROWTH times as large, and a look-up asks every layer. Rebuilding a larger filter instead meant rereading the
 * ids from the file (2 s of indexing a million documents, from empty); each full layer adds its own 0.8% of false
 * positives, a B-tree probe each, which costs far less (a million ids from empty fill two of three layers). Ids can't be removed: the owner starts a new filter.
 */
export class IdFilter {
  private readonly layers: Layer[] = [];

  /** `capacity`: the ids its first layer is sized for. */
  constructor(private readonly capacity: number) {}

  /** Memory held by the bits. */
  get byteLength(): number {
    return this.layers.reduce((sum, layer) => sum + layer.words.byteLength, 0);
  }

  add(id: string): void {
    let layer = this.layers[this.layers.length - 1];
    if (layer === undefined || layer.count >= layer.capacity) {
      layer = new Layer(layer === undefined ? this.capacity : GROWTH * layer.capacity);
      this.layers.push(layer);
    }
    layer.add(hashOf(id));
  }

  /** False only if `id` was never added. */
  mightHold(id: string): boolean {
    const hash = hashOf(id);
    return this.layers.some((layer) => layer.mightHold(hash));
  }
}

/** One Bloom filter; an id's bits are hash + n * step (double hashing), for n below HASHES_PER_ID. */
class Layer {
  readonly words: Int32Array;
  private readonly bitCount: number;
  count = 0;

  constructor(readonly capacity: number) {
    this.words = new Int32Array(Math.ceil((Math.max(capacity, 1) * BITS_PER_ID) / 32));
    this.bitCount = this.words.length * 32;
  }

  add(hash: number): void {
    const step = stepFrom(hash);
    for (let n = 0; n < HASHES_PER_ID; n++) {
      const bit = (hash + n * step) % this.bitCount;
      this.words[bit >>> 5] |= 1 << (bit & 31);
    }
    this.count++;
  }

  mightHold(hash: number): boolean {
    const step = stepFrom(hash);
    for (let n = 0; n < HASHES_PER_ID; n++) {
      const bit = (hash + n * step) % this.bitCount;
      if ((this.words[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/**
 * FNV-1a of the id's characters, as an unsigned 32-bit number. Record ids are hex hashes already, but checking
 * that an id has that form before reading bits out of it cost twice as long as hashing it (measured: ~270 vs
 * ~130 ns per id), so every id is hashed, whatever its form.
 */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** The distance between an id's bits: its hash mixed again (murmur3's finalizer), odd, and unsigned (no negative bit). */
function stepFrom(hash: number): number {
  let mixed = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return ((mixed ^ (mixed >>> 16)) | 1) >>> 0;
}
