// The embedded checkout's events (docs/embedding.md). Generated from checkout_core::embed
// by its unit test; do not edit.

export type ErrorCode = 'invalid_input' | 'session_missing' | 'csrf_rejected' | 'client_forbidden' | 'partial_content' | 'upstream_timeout' | 'upstream_unavailable' | 'internal' | 'rule_violated' | 'conversation_expired' | 'order_signed_off' | 'slot_unavailable' | 'no_slots_available' | 'existing_customer' | 'outage_declared' | 'order_rejected' | 'hold_expired' | 'hold_not_on_hold' | 'hold_extension_refused' | 'hold_confirm_rejected' | 'hold_cancel_refused' | 'operation_reverted' | 'order_outcome_unknown' | 'rate_limited' | 'otp_wrong' | 'otp_locked' | 'otp_expired' | 'number_taken' | 'number_hold_expired' | 'slot_hold_expired' | 'credit_refused' | 'terms_not_accepted' | 'step_missing' | 'no_telephone' | 'idempotency_in_flight' | 'idempotency_key_reused' | 'not_found' | 'method_not_allowed' | 'request_timeout' | 'details_refused' | 'staff_pin_wrong' | 'staff_locked' | 'staff_required' | 'kiosk_only' | 'handoff_unusable';
export type HoldName = 'cart' | 'number' | 'slot' | 'prices';
export type StepName = 'address' | 'identity' | 'packages' | 'cart' | 'credit' | 'installation' | 'number' | 'terms' | 'slot' | 'prices' | 'review' | 'placing' | 'confirmed';

/** The envelope every event comes in. */
export interface Envelope<T extends string, D = undefined> {
  v: 1;
  id: string;
  seq: number;
  ts: number;
  type: T;
  data: D;
}

export type TelcoCheckoutEvent =
  | Envelope<'ready', undefined>
  | Envelope<'step_viewed', { step: StepName; }>
  | Envelope<'hold_warning', { hold: HoldName; seconds_left: number; }>
  | Envelope<'hold_lapsed', { hold: HoldName; }>
  | Envelope<'order_placed', { currency: string; monthly_total: string; one_time_total: string; reference: string; }>
  | Envelope<'error', { code: ErrorCode; }>
  | Envelope<'resize', { height: number; }>;

declare global {
  interface HTMLElementEventMap {
    'telco-checkout:ready': CustomEvent<Envelope<'ready', undefined>>;
    'telco-checkout:step_viewed': CustomEvent<Envelope<'step_viewed', { step: StepName; }>>;
    'telco-checkout:hold_warning': CustomEvent<Envelope<'hold_warning', { hold: HoldName; seconds_left: number; }>>;
    'telco-checkout:hold_lapsed': CustomEvent<Envelope<'hold_lapsed', { hold: HoldName; }>>;
    'telco-checkout:order_placed': CustomEvent<Envelope<'order_placed', { currency: string; monthly_total: string; one_time_total: string; reference: string; }>>;
    'telco-checkout:error': CustomEvent<Envelope<'error', { code: ErrorCode; }>>;
    'telco-checkout:resize': CustomEvent<Envelope<'resize', { height: number; }>>;
  }
}
