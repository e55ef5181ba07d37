/** Where `tsc`'s diagnostics point, for the server's code and the live editor. */

/** The lines `tsc` reports for `path`, from diagnostics like `index.ts(12,5): error TS…`. */
export function typeErrorLines(diagnostics: readonly string[], path: string): number[] {
  const name = path.replace(/^\//, '');
  return diagnostics.flatMap((diagnostic) => {
    const match = /^([^(]+)\((\d+),\d+\)/.exec(diagnostic);
    return match?.[1] === name ? [Number(match[2])] : [];
  });
}
