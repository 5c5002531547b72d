import { createHmac } from 'node:crypto';

/**
 * The phrase the interviewer asks the applicant to read aloud (FBI, January 2025: face swaps and voice
 * changers lag behind an unprepared sentence, a stand-in with a prompter stumbles on it). Four words from a
 * list of 256 short, common English words that read aloud easily for a non-native speaker.
 *
 * Derived, not stored: HMAC-SHA256 under a key derived from the deployment's link key, over the case, the
 * interview callback and the booked slot. So it is unpredictable to anyone without the key (a pseudorandom
 * function; 32 bits, enough for a phrase nobody may know for the few minutes before it is read), the same
 * every time the interviewer reloads the form, new for a rescheduled interview, and recomputed on submit to
 * be recorded as evidence, so it is never written anywhere before it is used and cannot be swapped by a
 * tampered form. A GET of the form changes nothing, as for every link page. Pure.
 */
export function interviewPhrase(linkKey: Buffer, interview: { caseId: string; callbackId: string; slotStart: string }): string {
  const key = createHmac('sha256', linkKey).update('vetflow:interview-phrase:v1').digest();
  const digest = createHmac('sha256', key).update([interview.caseId, interview.callbackId, interview.slotStart].join('\u0000')).digest();
  // One byte per word: 256 words, so no modulo bias.
  return [0, 1, 2, 3].map((i) => PHRASE_WORDS[digest[i]!]!).join(' ');
}

export const PHRASE_WORDS: readonly string[] = [
  'acorn', 'anchor', 'apple', 'apron', 'arrow', 'autumn', 'badge', 'bakery', 'balloon', 'bamboo', 'banana', 'barrel',
  'basket', 'beach', 'beacon', 'beaver', 'berry', 'bicycle', 'blanket', 'blossom', 'bottle', 'branch', 'bread',
  'breeze', 'bridge', 'bronze', 'bucket', 'butter', 'button', 'cabin', 'cactus', 'camera', 'candle', 'canoe',
  'canyon', 'carpet', 'carrot', 'castle', 'cedar', 'cello', 'cherry', 'chess', 'circle', 'cliff', 'clock', 'cloud',
  'clover', 'coffee', 'comet', 'copper', 'coral', 'cotton', 'cricket', 'crystal', 'daisy', 'dancer', 'desert',
  'diamond', 'dinner', 'dolphin', 'donkey', 'dragon', 'drum', 'eagle', 'engine', 'falcon', 'feather', 'fence',
  'ferry', 'field', 'finger', 'forest', 'fountain', 'garden', 'garlic', 'giant', 'ginger', 'glacier', 'globe',
  'gravel', 'guitar', 'hammer', 'harbor', 'helmet', 'honey', 'horizon', 'hotel', 'island', 'jacket', 'jungle',
  'kettle', 'kitchen', 'ladder', 'lantern', 'lemon', 'letter', 'library', 'lizard', 'magnet', 'mango', 'marble',
  'market', 'meadow', 'melon', 'mirror', 'monkey', 'morning', 'mountain', 'museum', 'napkin', 'needle', 'nest',
  'noodle', 'ocean', 'olive', 'onion', 'orange', 'orchard', 'otter', 'oyster', 'paddle', 'palace', 'panda', 'paper',
  'parrot', 'pasta', 'peach', 'peanut', 'pebble', 'pencil', 'pepper', 'piano', 'pillow', 'pilot', 'planet', 'pocket',
  'pony', 'potato', 'pumpkin', 'puzzle', 'quarry', 'rabbit', 'radio', 'rainbow', 'raven', 'ribbon', 'river',
  'rocket', 'saddle', 'salmon', 'sandal', 'school', 'scooter', 'shadow', 'shell', 'silver', 'sister', 'sketch',
  'sleeve', 'slipper', 'smoke', 'snail', 'spider', 'spoon', 'square', 'stable', 'station', 'statue', 'stone',
  'summer', 'sunset', 'swan', 'table', 'tablet', 'teapot', 'tennis', 'thunder', 'ticket', 'tiger', 'timber',
  'tomato', 'tower', 'tractor', 'train', 'tulip', 'tunnel', 'turtle', 'umbrella', 'valley', 'velvet', 'violin',
  'wagon', 'walnut', 'water', 'whale', 'wheel', 'window', 'winter', 'wizard', 'wolf', 'yellow', 'zebra', 'ample',
  'bold', 'brave', 'brisk', 'calm', 'clever', 'cosy', 'crisp', 'eager', 'fancy', 'gentle', 'golden', 'happy',
  'humble', 'jolly', 'kind', 'lively', 'lucky', 'merry', 'mild', 'modest', 'narrow', 'noble', 'polite', 'proud',
  'quiet', 'rapid', 'rustic', 'shiny', 'silent', 'simple', 'sleepy', 'smooth', 'sober', 'solid', 'steady', 'sturdy',
  'sunny', 'swift', 'tidy', 'tiny', 'warm', 'wide', 'wise', 'young', 'maple', 'harvest', 'lagoon', 'meteor',
  'nutmeg', 'pirate', 'saffron', 'walrus', 'yogurt',
];
