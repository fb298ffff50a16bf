/** Kafka Streams' naming, so operators recognise internal topics: `<app>-<store>-changelog`. */
export const changelogTopic = (applicationId: string, storeName: string): string =>
  `${applicationId}-${storeName}-changelog`;
