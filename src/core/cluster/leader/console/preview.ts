// The console's picture: a small copy of the image, filled in as the leader accepts rows, with the
// rank that computed each of its rows. The downscale is nearest-neighbour, defined exactly so that
// anyone can recompute it from the finished PNG (test/integration/console-browser.test.ts does):
//
//   preview size: scale = min(1, PREVIEW_MAX_SIDE / max(W, H)), w = max(1, round(W·scale)),
//                 h = max(1, round(H·scale))
//   preview pixel (px, py) = image pixel (floor(px·W / w), floor(py·H / h))
//
// Sampling costs one small copy per preview row a unit covers (most units of a tall image cover
// none), so the leader's work per unit stays tiny whatever the image's size.

export const PREVIEW_MAX_SIDE = 512;
/** The owner of a preview row nobody has delivered yet. */
export const NO_OWNER = -1;

export interface PreviewSize {
  width: number;
  height: number;
}

export const previewSize = (width: number, height: number): PreviewSize => {
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
};

/** The image row (or column) a preview row (or column) samples. */
export const sampledIndex = (previewIndex: number, previewLength: number, imageLength: number): number =>
  Math.floor((previewIndex * imageLength) / previewLength);

/** A band of preview rows: their RGBA and, per row, the rank that computed it (NO_OWNER: none yet). */
export interface PreviewBand {
  y: number;
  height: number;
  owners: number[];
  rgba: Uint8Array;
}

export class Preview {
  readonly size: PreviewSize;
  private readonly pixels: Uint32Array;
  private readonly owners: Int32Array;
  private readonly dirty: Uint8Array;
  private anyDirty = false;
  /** The image column each preview column samples. */
  private readonly columns: Uint32Array;

  constructor(private readonly image: { width: number; height: number }) {
    this.size = previewSize(image.width, image.height);
    const { width, height } = this.size;
    this.pixels = new Uint32Array(width * height);
    this.owners = new Int32Array(height).fill(NO_OWNER);
    this.dirty = new Uint8Array(height);
    this.columns = Uint32Array.from({ length: width }, (_, px) => sampledIndex(px, width, image.width));
  }

  /** Rows rowStart.. of the image (RGBA, whole rows) were accepted from `owner`. */
  addRows(rowStart: number, rgba: Uint8Array, owner: number): void {
    const { width: imageWidth, height: imageHeight } = this.image;
    const { width, height } = this.size;
    const rowCount = Math.floor(rgba.length / (imageWidth * 4));
    // the preview rows whose sampled image row lies in [rowStart, rowStart + rowCount)
    const first = Math.ceil((rowStart * height) / imageHeight);
    const end = Math.min(height, Math.ceil(((rowStart + rowCount) * height) / imageHeight));
    if (first >= end) return;
    // pooled blocks are 4-byte aligned; a copy only for a view that is not
    const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
    const source = new Uint32Array(aligned.buffer, aligned.byteOffset, rowCount * imageWidth);
    for (let py = first; py < end; py++) {
      const from = (sampledIndex(py, height, imageHeight) - rowStart) * imageWidth;
      const to = py * width;
      for (let px = 0; px < width; px++) this.pixels[to + px] = source[from + this.columns[px]!]!;
      this.owners[py] = owner;
      this.dirty[py] = 1;
    }
    this.anyDirty = true;
  }

  /** The rows changed since the last call, as bands of consecutive rows. */
  takeChanges(): PreviewBand[] {
    if (!this.anyDirty) return [];
    this.anyDirty = false;
    const bands = this.bands((py) => this.dirty[py] === 1);
    this.dirty.fill(0);
    return bands;
  }

  /** Every row delivered so far, for a page that has just opened. */
  snapshot(): PreviewBand[] {
    return this.bands((py) => this.owners[py] !== NO_OWNER);
  }

  private bands(wanted: (py: number) => boolean): PreviewBand[] {
    const { width, height } = this.size;
    const bands: PreviewBand[] = [];
    for (let y = 0; y < height; ) {
      if (!wanted(y)) {
        y++;
        continue;
      }
      let end = y + 1;
      while (end < height && wanted(end)) end++;
      const rgba = new Uint8Array(this.pixels.buffer, y * width * 4, (end - y) * width * 4).slice();
      bands.push({ y, height: end - y, owners: Array.from(this.owners.subarray(y, end)), rgba });
      y = end;
    }
    return bands;
  }
}
