// Adler-32 (RFC 1950), the checksum that ends a zlib stream. Node exposes zlib's CRC-32 but not its
// Adler-32, and the PNG encoder needs the Adler-32 of data it never hands to zlib as one stream (it
// deflates independent segments), so the checksum is computed here, piece by piece wherever the
// filtered rows are made (in the compute threads), and the pieces are joined with adler32Combine.

const BASE = 65521;
/** Words per block: the lane sums below stay under 2^16 for up to 22 words; 16 keeps the sums simple. */
const BLOCK_WORDS = 16;
/** Blocks between reductions modulo BASE: a and b stay far below 2^53 (exact in a double). */
const BLOCKS_PER_REDUCTION = 64;

/** The Adler-32 of `bytes`, continuing from `adler` (1 is the checksum of nothing). */
export const adler32 = (bytes: Uint8Array, adler = 1): number => {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  const n = bytes.length;
  let i = 0;
  // bytes up to a 4-byte boundary one at a time, then whole words
  const misaligned = (4 - (bytes.byteOffset & 3)) & 3;
  for (const end = Math.min(n, misaligned); i < end; i++) {
    a += bytes[i]!;
    b += a;
  }
  const wordCount = i === misaligned ? (n - i) >> 2 : 0;
  const words = wordCount > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + i, wordCount) : new Uint32Array(0);
  let w = 0;
  let blocks = 0;
  // Each block of 16 words sums bytes 0 and 2 of every word in the two 16-bit lanes of `even`, bytes
  // 1 and 3 in those of `odd`, and the running sums of those in `evenRun` and `oddRun`: per byte
  // position, the sum of the bytes and the sum weighted by how many bytes follow, which is what
  // Adler's b adds up. Four bytes cost two masks, a shift and four additions instead of eight.
  while (w + BLOCK_WORDS <= wordCount) {
    let even = 0;
    let odd = 0;
    let evenRun = 0;
    let oddRun = 0;
    for (const end = w + BLOCK_WORDS; w < end; w++) {
      const x = words[w]!;
      even += x & 0x00ff00ff;
      odd += (x >>> 8) & 0x00ff00ff;
      evenRun += even;
      oddRun += odd;
    }
    // little-endian: lane 0 of `even` is byte 0, lane 1 byte 2; of `odd`, bytes 1 and 3
    const s0 = even & 0xffff;
    const s2 = even >>> 16;
    const s1 = odd & 0xffff;
    const s3 = odd >>> 16;
    const runs = (evenRun & 0xffff) + (evenRun >>> 16) + (oddRun & 0xffff) + (oddRun >>> 16);
    b += 4 * BLOCK_WORDS * a + 4 * runs - (s1 + 2 * s2 + 3 * s3);
    a += s0 + s1 + s2 + s3;
    if (++blocks === BLOCKS_PER_REDUCTION) {
      a %= BASE;
      b %= BASE;
      blocks = 0;
    }
  }
  a %= BASE;
  b %= BASE;
  // the words left over and the last bytes, one byte at a time
  for (i += w * 4; i < n; ) {
    for (const end = Math.min(n, i + 4096); i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= BASE;
    b %= BASE;
  }
  return ((b << 16) | a) >>> 0;
};

/**
 * The Adler-32 of two pieces of data one after the other, from the checksum of each and the
 * second's length (zlib's adler32_combine): the checksum of a file made of pieces checksummed
 * apart, in any thread, in any order.
 */
export const adler32Combine = (first: number, second: number, secondLength: number): number => {
  const rem = secondLength % BASE;
  let sum1 = first & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (second & 0xffff) + BASE - 1;
  sum2 += (first >>> 16) + (second >>> 16) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= 2 * BASE) sum2 -= 2 * BASE;
  if (sum2 >= BASE) sum2 -= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
};
