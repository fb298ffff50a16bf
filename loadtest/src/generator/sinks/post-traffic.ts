import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Logger } from '@fraud/common';
import { TrafficError } from '../errors.js';
import type { GeneratedPayment } from '../generated-payment.js';
import { LatencyHistogram } from './latency-histogram.js';

export interface PostTrafficProgress {
  sent: number;
  accepted: number;
  rejected: number;
  inFlight: number;
  elapsedMs: number;
  /** Requests started per second since the previous report. */
  currentRate: number;
}

export interface PostTrafficResult {
  sent: number;
  /** Answered 202, including replays of an earlier run. */
  accepted: number;
  /** Accepted as a replay (same Idempotency-Key as an earlier request): nothing new written. */
  replayed: number;
  rejected: number;
  /** Why requests failed, e.g. `422 UNKNOWN_CARD`, `503 DATABASE_UNAVAILABLE`, `network ECONNREFUSED`. */
  rejections: Record<string, number>;
  /** Of the requests sent, those labelled fraudulent. */
  fraudSent: number;
  elapsedMs: number;
  /** Requests per second achieved over the whole run. */
  ratePerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** True when the signal stopped the run before the payments ran out. */
  aborted: boolean;
}

export interface PostTrafficOptions {
  /** payments-api's base URL; payments go to `${baseUrl}/payments`. */
  baseUrl: string;
  payments: Iterable<GeneratedPayment> | AsyncIterable<GeneratedPayment>;
  /** Target requests per second, paced in real time (event times only order the stream). */
  ratePerSecond: number;
  /** Requests in flight at most, and connections kept alive. Default 32. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PostTrafficProgress) => void;
  progressIntervalMs?: number;
  /** Each request's limit for headers and for the body. Default 10 s. */
  requestTimeoutMs?: number;
  /** Gets one warning per distinct rejection reason, with the server's message. */
  logger?: Logger;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
}

function reasonOf(status: number, text: string): { reason: string; message: string } {
  try {
    const body = JSON.parse(text) as ErrorBody;
    const code = typeof body.code === 'string' ? body.code : 'UNKNOWN';
    return { reason: `${status} ${code}`, message: String(body.message ?? '') };
  } catch {
    return { reason: `${status}`, message: text.slice(0, 200) };
  }
}

/**
 * POSTs payments to payments-api at a steady rate over kept-alive connections, each with its
 * id as Idempotency-Key so a re-run writes nothing twice. Every answer is counted, none
 * throws; an abort stops sending and waits for the requests in flight.
 */
export async function postTraffic(options: PostTrafficOptions): Promise<PostTrafficResult> {
  const { ratePerSecond, signal, onProgress, logger } = options;
  const concurrency = options.concurrency ?? 32;
  const timeout = options.requestTimeoutMs ?? 10_000;
  if (!(ratePerSecond > 0) || !(concurrency >= 1)) {
    throw new TrafficError(
      'INVALID_TRAFFIC_OPTIONS',
      'ratePerSecond must be > 0 and concurrency ≥ 1',
    );
  }
  const url = new URL(options.baseUrl);
  const path = `${url.pathname.replace(/\/+$/, '')}/payments`;
  const pool = new Pool(url.origin, { connections: concurrency, keepAliveTimeout: 30_000 });
  const latency = new LatencyHistogram();
  const result: Omit<PostTrafficResult, 'elapsedMs' | 'ratePerSecond' | 'latencyMs'> = {
    sent: 0,
    accepted: 0,
    replayed: 0,
    rejected: 0,
    rejections: {},
    fraudSent: 0,
    aborted: false,
  };
  let inFlight = 0;
  let wake: (() => void) | undefined;

  const reject = (reason: string, message: string) => {
    result.rejected++;
    const seen = result.rejections[reason] ?? 0;
    result.rejections[reason] = seen + 1;
    if (seen === 0) logger?.warn({ reason, message }, 'payment rejected');
  };

  const send = async (payment: GeneratedPayment) => {
    const started = performance.now();
    try {
      const response = await pool.request({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', 'idempotency-key': payment.id },
        body: JSON.stringify(payment.request),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      if (response.statusCode === 202) {
        await response.body.dump();
        result.accepted++;
        if (response.headers['idempotent-replayed'] === 'true') result.replayed++;
      } else {
        const { reason, message } = reasonOf(response.statusCode, await response.body.text());
        reject(reason, message);
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      reject(`network ${typeof code === 'string' ? code : 'ERROR'}`, String(error));
    } finally {
      latency.record(performance.now() - started);
      inFlight--;
      wake?.();
    }
  };

  const startedAt = performance.now();
  let reportedSent = 0;
  let reportedAt = startedAt;
  const ticker = onProgress
    ? setInterval(() => {
        const now = performance.now();
        onProgress({
          sent: result.sent,
          accepted: result.accepted,
          rejected: result.rejected,
          inFlight,
          elapsedMs: Math.round(now - startedAt),
          currentRate: Math.round(((result.sent - reportedSent) * 1000) / (now - reportedAt)),
        });
        reportedSent = result.sent;
        reportedAt = now;
      }, options.progressIntervalMs ?? 1000)
    : undefined;

  const slotFree = () => new Promise<void>((resolve) => (wake = resolve));
  try {
    for await (const payment of options.payments) {
      if (signal?.aborted) break;
      // Paced against the start, not the previous request, so short stalls are caught up.
      const wait = startedAt + (result.sent * 1000) / ratePerSecond - performance.now();
      if (wait >= 1) {
        try {
          await sleep(wait, undefined, signal ? { signal } : {});
        } catch {
          break;
        }
      }
      while (inFlight >= concurrency) await slotFree();
      inFlight++;
      result.sent++;
      if (payment.label.fraud) result.fraudSent++;
      void send(payment);
    }
    result.aborted = signal?.aborted ?? false;
    while (inFlight > 0) await slotFree();
  } finally {
    if (ticker) clearInterval(ticker);
    await pool.close();
  }
  const elapsedMs = Math.round(performance.now() - startedAt);
  return {
    ...result,
    elapsedMs,
    ratePerSecond: elapsedMs > 0 ? Math.round((result.sent * 100_000) / elapsedMs) / 100 : 0,
    latencyMs: latency.summary(),
  };
}
