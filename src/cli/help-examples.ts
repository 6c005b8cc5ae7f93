// Examples in --help as a shell snippet: a "# what it does" line above each command. yargs lays
// examples out in two columns and gives the command at most half the width, which breaks a long
// command across lines; one command per line can be copied as it stands.

/** yargs `.example()` pairs for [command, what it does] pairs ($0 is the program's name). */
export function examples(list: readonly (readonly [command: string, what: string])[]): [string, string][] {
  return list.map(([command, what]) => [`# ${what}\n${command}`, '']);
}
