import { join } from 'node:path';
import { REGISTRY_CCOMPAT_PATH, STACK_HOST } from '@fraud/common';
import { apicurioHome, registryJava, type StackConfig } from '../config.js';
import { httpGet } from '../http.js';
import { diagnoseJvm, type Component } from './component.js';
import { REGISTRY_DATABASE } from './postgres.js';

export function registry(c: StackConfig): Component {
  const port = c.ports.SCHEMA_REGISTRY_PORT;
  const base = `http://${STACK_HOST}:${port}`;
  const db = REGISTRY_DATABASE;

  return {
    name: 'registry',
    title: `Apicurio Registry ${c.versions.apicurio} (Confluent API at ${REGISTRY_CCOMPAT_PATH})`,
    port,
    endpoint: `${base}${REGISTRY_CCOMPAT_PATH}`,
    dependsOn: ['postgres'],
    stopSignal: 'SIGTERM',

    async prepare() {},

    command() {
      const settings: Record<string, string | number> = {
        'quarkus.http.host': STACK_HOST,
        'quarkus.http.port': port,
        // Schemas live in PostgreSQL: ids stay valid across restarts, as topics keep them.
        'apicurio.storage.sql.kind': 'postgresql',
        'apicurio.datasource.url': `jdbc:postgresql://${STACK_HOST}:${c.ports.POSTGRES_PORT}/${db.name}`,
        'apicurio.datasource.username': db.user,
        'apicurio.datasource.password': db.password,
        'apicurio.datasource.jdbc.initial-size': 2,
        'apicurio.datasource.jdbc.min-size': 2,
        'apicurio.datasource.jdbc.max-size': 10,
        // Tests and schema tooling delete subjects; a local registry allows it.
        'apicurio.rest.deletion.artifact.enabled': 'true',
        'apicurio.rest.deletion.artifact-version.enabled': 'true',
        'apicurio.rest.deletion.group.enabled': 'true',
        // Quarkus' management interface listens on 0.0.0.0:9000 unless told otherwise.
        'quarkus.management.host': STACK_HOST,
        'quarkus.management.port': c.ports.SCHEMA_REGISTRY_MANAGEMENT_PORT,
        'quarkus.log.console.format': '%d{HH:mm:ss,SSS} %-5p [%c{2.}] %s%e%n',
      };
      return {
        file: registryJava(c),
        args: [
          '-Xms64m',
          '-Xmx384m',
          '-XX:+UseG1GC',
          ...Object.entries(settings).map(([key, value]) => `-D${key}=${value}`),
          '-jar',
          join(apicurioHome(c), 'quarkus-run.jar'),
        ],
        cwd: apicurioHome(c),
      };
    },

    async probe() {
      const subjects = await httpGet(`${base}${REGISTRY_CCOMPAT_PATH}/subjects`);
      return subjects?.status === 200;
    },

    diagnose(log) {
      if (
        /Connection refused|password authentication failed|database "registry" does not exist/.test(
          log,
        )
      ) {
        return 'it cannot reach its PostgreSQL database: check `npm run stack -- logs postgres`';
      }
      return diagnoseJvm(log);
    },
  };
}
