import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@fraud/common';
import { FraudModel } from './fraud-model.js';

export interface ModelHolderOptions {
  dir: string;
  logger: Logger;
  /** How often to look for a new model; 0 disables hot reload. */
  pollMs: number;
  onLoaded?: (version: string) => void;
  onRefused?: (error: Error) => void;
}

/**
 * Holds the model in service and swaps in a new one when `model.onnx` / `model.json` change,
 * without stopping the topology: records scored after the swap carry the new version. A model
 * that fails to load is refused and the previous one keeps serving. Files must have stopped
 * changing for one poll before a reload, so a half-copied deploy is not picked up.
 */
export class ModelHolder {
  private model: FraudModel;
  private stamp: string;
  private timer: NodeJS.Timeout | undefined;
  private pending: string | undefined;

  private constructor(
    model: FraudModel,
    stamp: string,
    private readonly options: ModelHolderOptions,
  ) {
    this.model = model;
    this.stamp = stamp;
  }

  static async start(options: ModelHolderOptions): Promise<ModelHolder> {
    const stamp = await filesStamp(options.dir);
    const holder = new ModelHolder(await FraudModel.load(options.dir), stamp, options);
    options.logger.info({ version: holder.model.version, dir: options.dir }, 'model loaded');
    options.onLoaded?.(holder.model.version);
    if (options.pollMs > 0) holder.schedule();
    return holder;
  }

  current(): FraudModel {
    return this.model;
  }

  /** Looks for a changed model now (the poll calls this); resolves once handled. */
  async check(): Promise<void> {
    const stamp = await filesStamp(this.options.dir).catch(() => undefined);
    if (stamp === undefined || stamp === this.stamp) return;
    if (this.pending !== stamp) {
      this.pending = stamp; // changed since the last look: wait until it settles
      return;
    }
    this.pending = undefined;
    this.stamp = stamp;
    const { logger, dir } = this.options;
    try {
      const next = await FraudModel.load(dir);
      const previous = this.model;
      this.model = next;
      logger.info({ version: next.version, previous: previous.version }, 'model hot-reloaded');
      this.options.onLoaded?.(next.version);
      // Batches already scoring with the old session finish first.
      setTimeout(() => void previous.release(), 10_000).unref();
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      logger.error({ err, serving: this.model.version }, 'new model refused; keeping the old one');
      this.options.onRefused?.(err);
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.model.release();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.check().finally(() => {
        if (this.timer) this.schedule();
      });
    }, this.options.pollMs);
    this.timer.unref();
  }
}

async function filesStamp(dir: string): Promise<string> {
  const files = await Promise.all(['model.onnx', 'model.json'].map((f) => stat(join(dir, f))));
  return files.map((s) => `${s.size}:${s.mtimeMs}`).join('|');
}
