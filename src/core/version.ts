// Versions the tool reports (`fractal version`) and checks on join.

/** The wire protocol: package fractal.v1, then its revision. Leader and workers must agree exactly. */
export const PROTOCOL_VERSION = 'fractal.v1/2';
