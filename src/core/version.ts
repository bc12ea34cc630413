// Versions the tool reports (`fractal version`) and checks on join.

/** The wire protocol: package fractal.v1, revision 1. Leader and workers must agree exactly. */
export const PROTOCOL_VERSION = 'fractal.v1/2';
