// A network between a job and its package index, for the loopback index of package-index.ts. On
// loopback a download costs nothing but CPU, so the seed's cold `uv sync` pays nothing for the bytes it
// fetches; a runner reaches PyPI over a line of some width and some distance. A profile gives every
// answer a delay before its first byte (the request's round trip and the server's time to answer) and
// sends every body through one shared line of a fixed width, as a runner host's uplink is shared by the
// parallel downloads of one job.
import type { ServerResponse } from 'node:http';

export interface NetworkProfile {
  /** Short label for tables, e.g. `100 Mbit/s, 20 ms`. */
  label: string;
  /** Delay before each answer's first byte, in ms. */
  latencyMs: number;
  /** Width of the line every body shares, in Mbit/s. */
  megabitsPerSecond: number;
}

export function networkProfile(megabitsPerSecond: number, latencyMs: number): NetworkProfile {
  if (!(megabitsPerSecond > 0) || !(latencyMs >= 0))
    throw new Error(`network profile: width ${megabitsPerSecond} Mbit/s and latency ${latencyMs} ms`);
  return { label: `${megabitsPerSecond} Mbit/s, ${latencyMs} ms`, latencyMs, megabitsPerSecond };
}

/** Bodies go out in pieces of this size, each when the shared line has carried the ones before it. */
const PIECE = 64 * 1024;

type Later = (ms: number, fn: () => void) => void;

/**
 * One shared line: `send` writes a body in pieces, each released when the line, busy with every body in
 * flight, has had the time to carry it. Concurrent bodies interleave piece by piece, so they share the
 * width as TCP flows on one uplink roughly do.
 */
export class SharedLine {
  private freeAt = 0;

  constructor(
    private readonly profile: NetworkProfile,
    private readonly later: Later,
  ) {}

  get latencyMs(): number {
    return this.profile.latencyMs;
  }

  /** Milliseconds the line needs for `bytes`. */
  private cost(bytes: number): number {
    return (bytes * 8) / (this.profile.megabitsPerSecond * 1000);
  }

  send(res: ServerResponse, payload: Buffer): void {
    let offset = 0;
    const next = (): void => {
      if (res.destroyed) return;
      if (offset >= payload.length) {
        res.end();
        return;
      }
      const piece = payload.subarray(offset, offset + PIECE);
      offset += piece.length;
      const now = performance.now();
      this.freeAt = Math.max(now, this.freeAt) + this.cost(piece.length);
      this.later(Math.max(0, this.freeAt - now), () => {
        if (res.destroyed) return;
        res.write(piece);
        next();
      });
    };
    next();
  }
}
