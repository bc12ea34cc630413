/**
 * How a decoded message looks (STYLE.md rule 8: one constant): field names as in the .proto,
 * 64-bit integers as numbers, enums by name, every field present with its default, and each
 * oneof named by the member that is set. The codec decodes with them and the types generator
 * (scripts/generate-proto-code.ts) describes what they give.
 */
export const PROTO_DECODE_OPTIONS = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;
