/**
 * Names of the model features by feature set: `payments.scored` carries the feature vector as
 * an array plus the name of its feature set, which fixes the order.
 */
export type FeatureCatalog = (featureSet: string) => readonly string[] | undefined;

export const featureCatalog =
  (sets: Readonly<Record<string, readonly string[]>>): FeatureCatalog =>
  (featureSet) =>
    sets[featureSet];
