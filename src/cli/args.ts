import { parseArgs } from "node:util";

export type Command = {
  name: string;
  summary: string;
  usage: string;
  options?: Record<string, { type: "string" | "boolean"; description: string }>;
  run: (args: {
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
  }) => Promise<number>;
};

export function helpText(command: Command): string {
  const lines = [`hieuhoc ${command.usage}`, "", command.summary];
  const options = Object.entries(command.options ?? {});
  if (options.length > 0) {
    lines.push("", "Tùy chọn:");
    for (const [name, option] of options)
      lines.push(
        `  --${name}${option.type === "string" ? " <giá trị>" : ""}`.padEnd(28) + option.description,
      );
  }
  lines.push(`${`  --help`.padEnd(28)}Hiện hướng dẫn này`);
  return lines.join("\n");
}

export async function runCommand(command: Command, argv: string[]): Promise<number> {
  const options = Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, option]) => [name, { type: option.type }]),
  ) as Record<string, { type: "string" | "boolean" }>;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean" } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`Lỗi: ${(error as Error).message}\n\n${helpText(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(helpText(command));
    return 0;
  }
  return command.run({
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  });
}
