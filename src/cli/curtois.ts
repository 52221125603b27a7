import { runCurtoisCli } from '../benchmarks/curtois/cli.js';

/** `npm run curtois -- score <instance.txt> <roster.csv>` | `solve <instance.txt>` | `check-all <folder>` (see USAGE). */
process.exitCode = await runCurtoisCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
