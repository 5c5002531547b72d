import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { MeetingProviderConfig } from './config';

export interface MeetingRequest {
  /** Case id and slot id: lets an adapter that calls an API be idempotent on retries. */
  caseId: string;
  slotId: string;
  start: string;
  end: string;
  /** Neutral title; never the contractor's name (room titles show up in provider logs and lobbies). */
  title: string;
}

export interface Meeting {
  provider: MeetingProviderConfig['kind'];
  /** The URL both parties open; goes in the email and in the invitation's LOCATION and URL. */
  joinUrl: string;
  /** Provider's id for later cancellation (the room name for Jitsi). */
  meetingId: string;
}

/**
 * Port for whatever hosts the video call. Async because every real provider except Jitsi needs an API call.
 *
 * Adapters to write when a customer needs them (not built here; nothing in this module calls the network):
 * - Zoom: Server-to-Server OAuth app, `POST /v2/users/{hostId}/meetings` with `type: 2`, `start_time`,
 *   `duration`, `settings.waiting_room: true`, `join_before_host: false`; `joinUrl` = `join_url`;
 *   cancel with `DELETE /v2/meetings/{id}`. Store the meeting id on the case for the reschedule path.
 * - Microsoft Teams: Graph `POST /users/{organizerId}/onlineMeetings` (application access policy needed)
 *   with `startDateTime`/`endDateTime`; `joinUrl` = `joinWebUrl`; lobby bypass set to organizer only.
 * - Google Meet: Calendar API `events.insert` with `conferenceData.createRequest` (`conferenceDataVersion=1`)
 *   on a service calendar; `joinUrl` = `hangoutLink`. Note Google then sends its own invitation, so the
 *   adapter must use `sendUpdates: 'none'` to avoid a second, inconsistent .ics.
 * Each adapter should be idempotent on (caseId, slotId) since Step Functions retries tasks.
 */
export interface MeetingProvider {
  readonly kind: MeetingProviderConfig['kind'];
  createMeeting(request: MeetingRequest): Promise<Meeting>;
  /** Jitsi rooms vanish on their own; API providers delete the meeting here on a reschedule. */
  cancelMeeting(meeting: Meeting): Promise<void>;
}

export interface JitsiOptions {
  baseUrl?: string;
  roomPrefix?: string;
  /** Injected so tests are deterministic; defaults to the CSPRNG. */
  randomBytes?: (size: number) => Uint8Array;
}

/**
 * Jitsi Meet: a room exists as soon as someone opens its URL, so the only protection is that the name cannot
 * be guessed. 128 random bits, base32 (lowercase, no padding) so the name survives URL handling and being
 * read aloud; never derived from the case or the contractor's name.
 */
export function jitsiMeetingProvider(options: JitsiOptions = {}): MeetingProvider {
  const baseUrl = (options.baseUrl ?? 'https://meet.jit.si').replace(/\/+$/, '');
  if (!/^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(baseUrl)) throw new RangeError(`Jitsi base URL must be https: ${baseUrl}`);
  const prefix = options.roomPrefix ?? 'vetflow';
  const random = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)));
  return {
    kind: 'jitsi',
    async createMeeting() {
      const room = `${prefix}-${base32(random(16))}`;
      return { provider: 'jitsi', joinUrl: `${baseUrl}/${room}`, meetingId: room };
    },
    async cancelMeeting() {
      // Nothing to delete: an unused Jitsi room does not exist server-side.
    },
  };
}

/**
 * The provider named in the configuration. Non-Jitsi adapters are supplied by the caller (they hold
 * credentials and clients created at module level); a missing one fails at cold start, not mid-interview.
 */
export function meetingProviderFor(
  config: MeetingProviderConfig,
  adapters: Partial<Record<Exclude<MeetingProviderConfig['kind'], 'jitsi'>, MeetingProvider>> = {},
  random?: (size: number) => Uint8Array,
): MeetingProvider {
  switch (config.kind) {
    case 'jitsi':
      return jitsiMeetingProvider({ baseUrl: config.baseUrl, roomPrefix: config.roomPrefix, ...(random ? { randomBytes: random } : {}) });
    case 'zoom':
    case 'teams':
    case 'google-meet': {
      const adapter = adapters[config.kind];
      if (!adapter) throw new Error(`meeting provider "${config.kind}" is configured but no adapter was supplied`);
      return adapter;
    }
    default:
      return config satisfies never;
  }
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lowercase, unpadded: 16 bytes -> 26 characters. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}
