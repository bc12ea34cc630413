// Byte buffers handed back for reuse. The leader goes through hundreds of megabytes of
// short-lived blocks in a render; reusing a few keeps its garbage collector out of the way.

export interface BufferPool {
  /** `size` bytes, 4-byte aligned, contents undefined. */
  take(size: number): Uint8Array;
  /** Hands back a buffer from take() (or any view of it) that nothing uses any more. */
  give(buffer: Uint8Array): void;
}

export const createBufferPool = (maxSpare: number): BufferPool => {
  const spare: ArrayBuffer[] = [];
  return {
    take(size) {
      const recycled = spare.pop();
      return recycled && recycled.byteLength >= size ? new Uint8Array(recycled, 0, size) : new Uint8Array(size);
    },
    give(buffer) {
      if (spare.length < maxSpare) spare.push(buffer.buffer as ArrayBuffer);
    },
  };
};
