/**
 * Harrier's UDFs on chDB: ClickHouse cannot call into this process, so each UDF is declared as an
 * executable UDF (an `executable_pool` function) whose command runs udf-runner with the same
 * JavaScript implementation the DuckDB engine registers in process — one implementation, equal
 * answers on both engines. The declarations go to a private temporary folder, removed at exit.
 * The commands are fixed by Harrier; user KQL can only call the functions (the SQL guard refuses
 * the executable() table function, and read-only connections cannot CREATE FUNCTION).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harrierUdfs, type UdfKind } from '../udfs.js';

const CLICKHOUSE_KIND: Readonly<Record<UdfKind, string>> = { text: 'String', real: 'Float64', long: 'Int64' };

/** A POSIX shell word. */
const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The command line that runs the runner next to this module: compiled JavaScript under `node`, or
 * (tests and `npm run conformance` run the TypeScript sources) through tsx's loader.
 */
export function runnerCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  const runner = join(here, '..', `udf-runner${ext}`);
  if (ext === '.js') return [process.execPath, runner];
  return [process.execPath, '--import', import.meta.resolve('tsx'), runner];
}

/** The executable-UDF declarations of every Harrier UDF (ClickHouse's XML format). */
export async function udfDeclarations(command: readonly string[]): Promise<string> {
  const fns = (await harrierUdfs()).map((u) => `  <function>
    <type>executable_pool</type>
    <name>${u.name}</name>
    <return_type>Nullable(${CLICKHOUSE_KIND[u.returns]})</return_type>
    <return_name>r</return_name>
${u.params.map((k, i) => `    <argument><type>Nullable(${CLICKHOUSE_KIND[k]})</type><name>a${i}</name></argument>`).join('\n')}
    <format>JSONEachRow</format>
    <execute_direct>0</execute_direct>
    <command>${xmlText(`exec ${[...command, u.name].map(shellWord).join(' ')}`)}</command>
    <pool_size>2</pool_size>
    <max_command_execution_time>600</max_command_execution_time>
  </function>`);
  return `<functions>\n${fns.join('\n')}\n</functions>\n`;
}

let folder: string | undefined;

/** chDB connection arguments that declare Harrier's UDFs (written once per process). */
export async function chdbUdfArgs(): Promise<string[]> {
  if (!folder) {
    const dir = mkdtempSync(join(tmpdir(), 'harrier-udfs-'));
    writeFileSync(join(dir, 'harrier-udfs.xml'), await udfDeclarations(runnerCommand()));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    folder = dir;
  }
  return [`--user_scripts_path=${folder}`, `--user_defined_executable_functions_config=${join(folder, 'harrier-udfs.xml')}`];
}
