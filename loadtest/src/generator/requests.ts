import type { Prng } from '@fraud/schemas';
import type { GeneratedPayment, PaymentLabel } from './generated-payment.js';
import { roundCoordinate } from './geo.js';
import { eurToMinor } from './money.js';
import type { PaymentRequestBody } from './payment-request.js';
import type { World } from './world.js';

/** Who is on the other end of an online payment: device, address, and where the IP places it. */
export interface OnlinePayer {
  country: string;
  deviceFingerprint: string;
  ipAddress: string;
  geo: { lat: number; lon: number };
}

/** At a terminal: the terminal's country and the shop's coordinates. */
export function cardPresentRequest(
  world: World,
  cardIndex: number,
  merchantIndex: number,
  amountEur: number,
): PaymentRequestBody {
  const merchant = world.merchants.row(merchantIndex);
  const currency = world.merchants.currencyOf[merchantIndex] ?? 'EUR';
  return {
    cardNumber: world.cardNumber(cardIndex),
    merchantId: merchant.id,
    amountMinor: eurToMinor(amountEur, currency),
    currency,
    channel: 'card_present',
    country: merchant.country,
    geo: { lat: merchant.lat, lon: merchant.lon },
  };
}

/** Card not present: the payer's country, device and IP, priced in the merchant's currency. */
export function onlineRequest(
  world: World,
  cardIndex: number,
  merchantIndex: number,
  amountEur: number,
  payer: OnlinePayer,
): PaymentRequestBody {
  const merchant = world.merchants.row(merchantIndex);
  const currency = world.merchants.currencyOf[merchantIndex] ?? 'EUR';
  return {
    cardNumber: world.cardNumber(cardIndex),
    merchantId: merchant.id,
    amountMinor: eurToMinor(amountEur, currency),
    currency,
    channel: 'online',
    country: payer.country,
    deviceFingerprint: payer.deviceFingerprint,
    ipAddress: payer.ipAddress,
    geo: payer.geo,
  };
}

/** IP geolocation is city-level: a point within a few kilometres of the place. */
export const ipGeo = (random: Prng, place: { lat: number; lon: number }) => ({
  lat: roundCoordinate(place.lat + (random() - 0.5) * 0.1),
  lon: roundCoordinate(place.lon + (random() - 0.5) * 0.1),
});

/** A payment before it gets its place (and id) in a stream. */
export function draft(
  world: World,
  at: number,
  cardIndex: number,
  merchantIndex: number,
  request: PaymentRequestBody,
  label: PaymentLabel,
): GeneratedPayment {
  return {
    id: '',
    at,
    cardIndex,
    accountIndex: world.card(cardIndex).accountIndex,
    merchantIndex,
    request,
    label,
  };
}
