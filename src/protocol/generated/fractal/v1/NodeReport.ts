// Original file: proto/fractal/v1/fractal.proto

import type { ProcessReport as _fractal_v1_ProcessReport, ProcessReport__Output as _fractal_v1_ProcessReport__Output } from '../../fractal/v1/ProcessReport.js';
import type { NetworkReport as _fractal_v1_NetworkReport, NetworkReport__Output as _fractal_v1_NetworkReport__Output } from '../../fractal/v1/NetworkReport.js';
import type { Long } from '@grpc/proto-loader';

export interface NodeReport {
  'host'?: (string);
  'threads'?: (number);
  'units'?: (number);
  'rows'?: (number);
  'pixels'?: (number | string | Long);
  'iterations'?: (number | string | Long);
  'compute_ms'?: (number | string);
  'idle_ms'?: (number | string);
  'bytes_sent'?: (number | string | Long);
  'bytes_received'?: (number | string | Long);
  'reconnects'?: (number);
  'kernel'?: (string);
  'process'?: (_fractal_v1_ProcessReport | null);
  'network'?: (_fractal_v1_NetworkReport | null);
}

export interface NodeReport__Output {
  'host': (string);
  'threads': (number);
  'units': (number);
  'rows': (number);
  'pixels': (number);
  'iterations': (number);
  'compute_ms': (number);
  'idle_ms': (number);
  'bytes_sent': (number);
  'bytes_received': (number);
  'reconnects': (number);
  'kernel': (string);
  'process': (_fractal_v1_ProcessReport__Output | null);
  'network': (_fractal_v1_NetworkReport__Output | null);
}
