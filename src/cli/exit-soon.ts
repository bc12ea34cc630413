// A network peer that is stopped (SIGSTOP, a hung node) keeps its TCP connection half-closed, and
// Node keeps the process alive for it even after gRPC's forceShutdown. When a command's work is
// done, this makes sure the process ends anyway: an unref'd timer never holds the process up, it
// only fires if something else still does.
export const EXIT_GRACE_MS = 1000;

export const exitSoon = (graceMs = EXIT_GRACE_MS): void => {
  setTimeout(() => process.exit(), graceMs).unref();
};
