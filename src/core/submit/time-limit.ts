// --time: Slurm's formats (minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S) and Flux standard
// durations (30s, 10m, 1.5h, 2d) are both accepted, turned into seconds, and written back in
// the form each scheduler reads.
import { describeValue, FractalError } from '../errors.js';

export interface TimeLimit {
  /** As the user wrote it. */
  text: string;
  seconds: number;
}

const SLURM_FORMS = [
  /^(?<m>\d+)$/,
  /^(?<m>\d+):(?<s>\d+)$/,
  /^(?<h>\d+):(?<m>\d+):(?<s>\d+)$/,
  /^(?<d>\d+)-(?<h>\d+)$/,
  /^(?<d>\d+)-(?<h>\d+):(?<m>\d+)$/,
  /^(?<d>\d+)-(?<h>\d+):(?<m>\d+):(?<s>\d+)$/,
];
const FSD = /^(?<n>\d+(?:\.\d+)?)(?<unit>[smhd])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
/** Far beyond any real time limit; keeps the arithmetic exact. */
const MAX_SECONDS = 365 * 86400;

export const parseTimeLimit = (text: string): TimeLimit => {
  const trimmed = text.trim();
  let seconds: number | undefined;
  const fsd = FSD.exec(trimmed);
  if (fsd?.groups) seconds = Math.ceil(Number(fsd.groups['n']) * (UNIT_SECONDS[fsd.groups['unit'] ?? 's'] ?? 1));
  for (const form of SLURM_FORMS) {
    const g = form.exec(trimmed)?.groups;
    if (!g) continue;
    const n = (key: string): number => Number(g[key] ?? 0);
    seconds = n('d') * 86400 + n('h') * 3600 + n('m') * 60 + n('s');
    break;
  }
  if (seconds === undefined || !(seconds > 0) || seconds > MAX_SECONDS) {
    throw new FractalError(
      `--time: expected a time limit such as 30 (minutes), 1:30:00, 2-00:00:00, 90s, 10m or 2h, up to a year; got ${describeValue(text)}`,
      { kind: 'usage', code: 'E_SUBMIT_TIME', suggestions: ['pass e.g. --time 10 (ten minutes) or --time 1:00:00'] },
    );
  }
  return { text, seconds };
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** Slurm's `[D-]HH:MM:SS`. Slurm rounds up to whole minutes itself. */
export const formatSlurmTime = (seconds: number): string => {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const hms = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return d > 0 ? `${d}-${hms}` : hms;
};

/** A Flux standard duration: whole minutes as `Nm`, anything else in seconds. */
export const formatFluxTime = (seconds: number): string => (seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`);

/** `HH:MM:SS` with as many hours as it takes: PBS's walltime and Grid Engine's h_rt/s_rt. */
export const formatHoursMinutesSeconds = (seconds: number): string =>
  `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
