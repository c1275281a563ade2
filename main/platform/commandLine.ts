/**
 * How every command-line program of the app fails: one line naming the program and what is wrong, on stderr, and exit
 * code 2, so a script that runs it can tell a refusal from success.
 */
export function failureOf(program: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`dialwell ${program}: ${message}\n`);
    process.exit(2);
  };
}
