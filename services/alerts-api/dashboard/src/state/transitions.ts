import type { AlertStatus } from '../api/types.js';

export type Decision = 'acknowledge' | 'assign' | 'resolve';

/**
 * The case workflow as the API enforces it (it answers 409 otherwise); the dashboard only
 * offers what would be accepted.
 */
const ALLOWED: Readonly<Record<AlertStatus, readonly Decision[]>> = {
  open: ['acknowledge', 'assign', 'resolve'],
  acknowledged: ['assign', 'resolve'],
  assigned: ['assign', 'resolve'],
  resolved: [],
};

export const canDecide = (status: AlertStatus, decision: Decision): boolean =>
  ALLOWED[status].includes(decision);
