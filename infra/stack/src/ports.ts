import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { STACK_HOST } from '@fraud/common';

/** True when nothing listens on the port; found by trying to listen, as the server will. */
export function isPortFree(port: number, host = STACK_HOST): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolvePort(true)));
  });
}

const LISTEN = '0A';

/** Socket inodes listening on a TCP port, from the kernel's tables (Linux). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const localPort = fields[1]?.split(':')[1];
      if (localPort && parseInt(localPort, 16) === port && fields[3] === LISTEN && fields[9]) {
        inodes.add(fields[9]);
      }
    }
  }
  return inodes;
}

/**
 * Who listens on a port, as "pid 1234 (java)", when this user may see it; undefined otherwise.
 * Only for error messages: a person fixing a port clash wants to know what to stop.
 */
export function portOwner(port: number): string | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        return `pid ${pid} (${name})`;
      }
    }
  }
  return undefined;
}
