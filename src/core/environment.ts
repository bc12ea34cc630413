// The environment variables core is handed: core never reads process.env itself (STYLE rule 10),
// so every function that needs a variable takes one of these.

/** Variables by name, as the process environment holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;
