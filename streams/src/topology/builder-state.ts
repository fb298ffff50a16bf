import { StreamsError } from '../errors/index.js';
import type { GlobalTableSpec, ProcessorNode, SourceNode, StoreSpec } from './graph.js';

/** What the DSL objects of one builder share while a topology is being described. */
export class BuilderState {
  readonly sources: SourceNode[] = [];
  readonly stores: StoreSpec[] = [];
  readonly globalTables: GlobalTableSpec[] = [];
  readonly outputTopics = new Set<string>();
  private counter = 0;

  nodeName(kind: string): string {
    return `${kind}-${String(++this.counter).padStart(10, '0')}`;
  }

  addStore(spec: StoreSpec): void {
    this.assertFreeStoreName(spec.name);
    this.stores.push(spec);
  }

  addGlobalTable(spec: GlobalTableSpec): void {
    this.assertFreeStoreName(spec.storeName);
    this.globalTables.push(spec);
  }

  private assertFreeStoreName(name: string): void {
    if (!/^[A-Za-z0-9._-]+$/.test(name))
      throw new StreamsError('STREAMS_TOPOLOGY_INVALID', `store name "${name}" is not topic-safe`);
    if (
      this.stores.some((s) => s.name === name) ||
      this.globalTables.some((t) => t.storeName === name)
    )
      throw new StreamsError('STREAMS_TOPOLOGY_INVALID', `store "${name}" is defined twice`);
  }
}

/** Where a stream's next operator attaches, and what the stream knows about its keys. */
export interface StreamPosition {
  readonly state: BuilderState;
  readonly sourceTopic: string;
  /** The key was changed since the source, so the data is no longer partitioned by it. */
  readonly keyChanged: boolean;
  readonly attach: (node: ProcessorNode) => void;
}

/** Adds a node under `position` and returns the position under the new node. */
export function addNode(
  position: StreamPosition,
  kind: string,
  create: ProcessorNode['create'],
  keyChanged = position.keyChanged,
): StreamPosition {
  const node: ProcessorNode = { name: position.state.nodeName(kind), create, children: [] };
  position.attach(node);
  return { ...position, keyChanged, attach: (child) => node.children.push(child) };
}
