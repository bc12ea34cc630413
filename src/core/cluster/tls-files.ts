// Optional TLS for the Work stream: --tls-cert/--tls-key are this task's own certificate (the
// leader's server certificate, or a worker's client certificate), --tls-ca the authority that
// signed the other side's. A leader given --tls-ca also requires workers to present a
// certificate signed by it (mutual TLS). The job's token is checked either way.
import type { ClientTls } from '../../protocol/work-client.js';
import type { TlsFiles } from '../../protocol/work-server.js';
import { FractalError, inputError } from '../errors.js';
import { readRegularFile } from '../files/read-regular-file.js';

export interface TlsPaths {
  cert?: string;
  key?: string;
  ca?: string;
}

const read = async (path: string, flag: string): Promise<Buffer> => {
  try {
    return await readRegularFile(path, { maxBytes: 1024 * 1024, label: `${flag} ${path}` });
  } catch (error) {
    if (error instanceof FractalError) throw error;
    throw inputError('E_TLS_FILE', `${flag} ${path}: cannot read it: ${(error as Error).message}`, ['give a PEM file readable by this user'], error);
  }
};

const checkPair = (paths: TlsPaths): void => {
  if ((paths.cert === undefined) !== (paths.key === undefined)) {
    throw new FractalError('--tls-cert and --tls-key go together: give both or neither', { kind: 'usage', code: 'E_TLS_FLAGS' });
  }
};

/** The leader's side: undefined without --tls-cert/--tls-key (plain TCP). */
export const readServerTls = async (paths: TlsPaths): Promise<TlsFiles | undefined> => {
  checkPair(paths);
  if (paths.cert === undefined || paths.key === undefined) {
    if (paths.ca !== undefined) throw new FractalError('--tls-ca on a leader needs --tls-cert and --tls-key (its own certificate)', { kind: 'usage', code: 'E_TLS_FLAGS' });
    return undefined;
  }
  return {
    cert: await read(paths.cert, '--tls-cert'),
    key: await read(paths.key, '--tls-key'),
    ca: paths.ca === undefined ? undefined : await read(paths.ca, '--tls-ca'),
  };
};

/** A worker's side: TLS as soon as any TLS flag is given; --tls-ca verifies the leader. */
export const readClientTls = async (paths: TlsPaths): Promise<ClientTls | undefined> => {
  checkPair(paths);
  if (paths.cert === undefined && paths.ca === undefined) return undefined;
  return {
    ca: paths.ca === undefined ? undefined : await read(paths.ca, '--tls-ca'),
    cert: paths.cert === undefined ? undefined : await read(paths.cert, '--tls-cert'),
    key: paths.key === undefined ? undefined : await read(paths.key, '--tls-key'),
  };
};
