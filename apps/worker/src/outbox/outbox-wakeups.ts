// The LISTEN helper lives in @firsthand/persistence now; kept until live-outbox-relay.ts imports it from there.
export { OutboxWakeups } from '@firsthand/persistence';
