import type { GeneratedPayment } from './generated-payment.js';

/**
 * Scheduled incident payments, earliest first; ties keep insertion order so a stream is the
 * same on every run.
 */
export class PaymentHeap {
  private readonly items: { payment: GeneratedPayment; order: number }[] = [];
  private pushed = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): GeneratedPayment | undefined {
    return this.items[0]?.payment;
  }

  push(payment: GeneratedPayment): void {
    const items = this.items;
    items.push({ payment, order: this.pushed++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): GeneratedPayment | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top?.payment;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && this.before(left, smallest)) smallest = left;
      if (right < items.length && this.before(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top.payment;
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return false;
    return x.payment.at < y.payment.at || (x.payment.at === y.payment.at && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}
