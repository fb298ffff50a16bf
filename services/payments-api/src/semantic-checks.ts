import { isIP } from 'node:net';
import { isLuhnValid, type FieldProblem } from '@fraud/common';

/** Checks the schema cannot express: a card number's Luhn digit, an IP address's syntax. */
export function semanticProblems(body: {
  cardNumber?: string;
  ipAddress?: string | undefined;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (body.cardNumber !== undefined && !isLuhnValid(body.cardNumber)) {
    problems.push({ in: 'body', field: 'cardNumber', message: 'fails the Luhn check' });
  }
  if (body.ipAddress !== undefined && isIP(body.ipAddress) === 0) {
    problems.push({ in: 'body', field: 'ipAddress', message: 'is not an IPv4 or IPv6 address' });
  }
  return problems;
}
