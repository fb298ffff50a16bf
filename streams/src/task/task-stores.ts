import { changelogTopic, StateStore, type StoreBackendFactory } from '../stores/index.js';
import type { Topology } from '../topology/index.js';

export const taskIdOf = (topic: string, partition: number): string => `${topic}-${partition}`;

/** Opens the stores one task owns: those of the subtopology fed by its source topic. */
export function openTaskStores(
  topology: Topology,
  applicationId: string,
  topic: string,
  partition: number,
  backends: StoreBackendFactory,
): Map<string, StateStore> {
  const taskId = taskIdOf(topic, partition);
  const stores = new Map<string, StateStore>();
  for (const spec of topology.stores) {
    if (spec.sourceTopic !== topic) continue;
    stores.set(
      spec.name,
      new StateStore({
        name: spec.name,
        changelogTopic: changelogTopic(applicationId, spec.name),
        backend: backends({ applicationId, taskId, storeName: spec.name }),
      }),
    );
  }
  return stores;
}
