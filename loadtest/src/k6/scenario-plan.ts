import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LoadtestError } from './loadtest-error.js';

/** The scenarios k6 runs, shared with the k6 script (loadtest/k6/payments.js). */
export const SCENARIOS_FILE = fileURLToPath(new URL('../../k6/scenarios.json', import.meta.url));

const Stage = Type.Object(
  {
    durationS: Type.Integer({ minimum: 1 }),
    /** Payments per second reached at the end of the stage (linearly from the previous). */
    target: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
const ScenarioShape = Type.Object(
  {
    description: Type.String(),
    startRate: Type.Integer({ minimum: 0 }),
    stages: Type.Array(Stage, { minItems: 1 }),
  },
  { additionalProperties: false },
);
const ScenarioShapes = Type.Record(Type.String(), ScenarioShape);

export type Stage = Static<typeof Stage>;
export type ScenarioShape = Static<typeof ScenarioShape>;
export interface ScenarioPlan extends ScenarioShape {
  name: string;
}

export function readScenarios(file: string = SCENARIOS_FILE): Record<string, ScenarioShape> {
  const shapes: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problem = Value.Errors(ScenarioShapes, shapes).First();
  if (problem) throw new Error(`${file}: ${problem.path} ${problem.message}`);
  return shapes as Record<string, ScenarioShape>;
}

export const peakRate = (shape: ScenarioShape) =>
  Math.max(shape.startRate, ...shape.stages.map((s) => s.target));

export const totalSeconds = (shape: ScenarioShape) =>
  shape.stages.reduce((sum, s) => sum + s.durationS, 0);

export interface PlanOverrides {
  /** The scenario's peak rate becomes this; every rate scales with it. */
  rate?: number | undefined;
  /** The scenario's length becomes this; every stage scales with it (at least 1 s each). */
  durationS?: number | undefined;
}

/** A scenario of the file, scaled to the requested peak rate and length. */
export function planScenario(
  shapes: Readonly<Record<string, ScenarioShape>>,
  name: string,
  { rate, durationS }: PlanOverrides = {},
): ScenarioPlan {
  const shape = shapes[name];
  if (!shape) {
    throw new LoadtestError(
      'UNKNOWN_SCENARIO',
      `unknown scenario ${JSON.stringify(name)}: one of ${Object.keys(shapes).join(', ')}`,
    );
  }
  const rateScale = rate === undefined ? 1 : rate / peakRate(shape);
  const timeScale = durationS === undefined ? 1 : durationS / totalSeconds(shape);
  // k6's arrival rates are whole iterations per time unit.
  const scaleRate = (r: number) => (r === 0 ? 0 : Math.max(1, Math.round(r * rateScale)));
  const plan: ScenarioPlan = {
    name,
    description: shape.description,
    startRate: scaleRate(shape.startRate),
    stages: shape.stages.map((s) => ({
      durationS: Math.max(1, Math.round(s.durationS * timeScale)),
      target: scaleRate(s.target),
    })),
  };
  if (rate === undefined && durationS === undefined) return plan;
  const scaled = `scaled to a peak of ${peakRate(plan)}/s over ${totalSeconds(plan)} s`;
  return { ...plan, description: `${shape.description}; ${scaled}` };
}

/** Iterations k6 starts over the plan: the area under its piecewise-linear rate. */
export function plannedIterations(plan: ScenarioPlan): number {
  let rate = plan.startRate;
  let total = 0;
  for (const stage of plan.stages) {
    total += ((rate + stage.target) / 2) * stage.durationS;
    rate = stage.target;
  }
  return Math.ceil(total);
}
