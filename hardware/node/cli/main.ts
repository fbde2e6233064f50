// `onetrip-hw <command> …`: one small dispatcher; each command lives in its own file.
export {};
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  'read-card': () => import('./read-card'),
  print: () => import('./print'),
  scan: () => import('./scan'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  process.stderr.write(`用法 / usage: onetrip-hw <${Object.keys(commands).join('|') || 'command'}> [options]\n`);
  process.exit(2);
}
const command = await load();
process.exitCode = await command.run(rest);
