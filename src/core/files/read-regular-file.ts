// Reading a file that the user or another process named: only a regular file, and only up to a
// size. A named pipe (FIFO) or a device given as a template, a results file or a rendezvous file
// would block the read forever, past every timeout; opened with O_NONBLOCK it cannot, and the
// file's type is checked on the open descriptor (fstat), so it cannot change between a look and
// the read.
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { formatBytes } from '../render/image-spec.js';
import { inputError } from '../errors.js';

export interface ReadRegularFileOptions {
  /** The largest file accepted: what it holds is read into memory. */
  maxBytes: number;
  /** How messages name the file, e.g. `the template tpl.sh` (default: the path). */
  label?: string;
}

// O_NOCTTY: a terminal device named by mistake must not become this process's controlling terminal
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of a regular file. A file of another type, or larger than maxBytes, is a bad input
 * (E_NOT_REGULAR_FILE, E_FILE_TOO_LARGE); the open's own errors (ENOENT, EACCES, ...) are thrown
 * as they are, for the caller to put in its own words.
 */
export const readRegularFile = async (path: string, options: ReadRegularFileOptions): Promise<Buffer> => {
  const label = options.label ?? path;
  const handle = await open(path, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw inputError('E_NOT_REGULAR_FILE', `${label} is ${fileKind(info)}, not a regular file: fractal reads only regular files, so that no read can block`, [
        'give the path of a file (a named pipe, device or socket cannot be read this way)',
      ]);
    }
    if (info.size > options.maxBytes) throw tooLarge(label, info.size, options.maxBytes);
    // read to the end rather than to the size seen: the file may still be growing
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > options.maxBytes) throw tooLarge(label, total, options.maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
};

const fileKind = (info: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string => {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'of another kind';
};

const tooLarge = (label: string, bytes: number, max: number) =>
  inputError('E_FILE_TOO_LARGE', `${label} holds ${formatBytes(bytes)} or more; expected at most ${formatBytes(max)} in such a file`, ['check that it is the file you meant']);
