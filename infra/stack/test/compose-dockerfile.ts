import { existsSync, readFileSync } from 'node:fs';

/** One Dockerfile instruction, continuation lines joined, comments dropped. */
export interface Instruction {
  keyword: string;
  /** `--from=deps` → { from: 'deps' } */
  flags: Record<string, string>;
  args: string[];
  raw: string;
}

export function parseDockerfile(path: string): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    // Comment lines end nothing, even inside a continued instruction (Dockerfile reference).
    if (/^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole) logical.push(whole);
  }
  return logical.map((raw) => {
    const [keyword = '', ...rest] = raw.split(/\s+/);
    const flags: Record<string, string> = {};
    const args: string[] = [];
    for (const word of rest) {
      const flag = args.length === 0 ? /^--([a-z-]+)=(.*)$/.exec(word) : null;
      if (flag?.[1] !== undefined) flags[flag[1]] = flag[2] ?? '';
      else args.push(word);
    }
    return { keyword: keyword.toUpperCase(), flags, args, raw };
  });
}

/** `${NAME}` and `$NAME` replaced from build arguments. */
export const expandArgs = (text: string, values: Readonly<Record<string, string>>) =>
  text.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, a?: string, b?: string) => values[a ?? b ?? ''] ?? whole,
  );

/**
 * A .dockerignore as BuildKit applies it: a path is excluded when the last pattern matching
 * it or one of its parent folders is not a `!` exception.
 */
export function dockerignore(path: string): (relativePath: string) => boolean {
  if (!existsSync(path)) return () => false;
  const rules = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (relativePath) => {
    const parts = relativePath.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) {
      if (prefixes.some((prefix) => rule.regex.test(prefix))) excluded = !rule.negated;
    }
    return excluded;
  };
}
