import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../shared/domain/finding';
import { interviewOutcomeSchema, outcomeFindings, type OutcomeContext } from '../../shared/domain/interview/outcome';

const ctx: OutcomeContext = { claimedLanguages: ['pl', 'en'], residenceCountry: 'PL', interviewerId: 'anna', slotStart: '2025-03-04T08:00:00Z' };
const clean = {
  attended: 'yes',
  cameraOnThroughout: 'yes',
  faceMatchesDocument: 'yes',
  locationConsistent: 'yes',
  livenessHandInFront: 'yes',
  livenessProfile: 'yes',
  phraseRead: 'yes',
  homeCityConvincing: 'yes',
  protocolRefused: 'no',
  livenessWindow: 'yes',
  spokeClaimedLanguages: 'yes',
  readingAnswers: 'no',
  remarks: '',
  csrf: 'token-from-the-form',
};

function findingsFor(form: Record<string, string>, context = ctx) {
  return outcomeFindings(interviewOutcomeSchema.parse(form), context);
}
const codes = (form: Record<string, string>) => findingsFor(form).map((f) => f.code);

describe('interviewOutcomeSchema', () => {
  it('accepts form strings, strips the csrf field and treats an empty textarea as absent', () => {
    const parsed = interviewOutcomeSchema.parse(clean);
    expect(parsed).not.toHaveProperty('csrf');
    expect(parsed.remarks).toBeUndefined();
  });

  it('names the missing answer', () => {
    const { cameraOnThroughout: _, ...rest } = clean;
    const r = interviewOutcomeSchema.safeParse(rest);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['cameraOnThroughout']);
    expect(interviewOutcomeSchema.safeParse({ ...clean, faceMatchesDocument: 'maybe' }).success).toBe(false);
    expect(interviewOutcomeSchema.safeParse({ ...clean, attended: '' }).success).toBe(false);
  });

  it('needs nothing but attended=no for a no-show', () => {
    expect(interviewOutcomeSchema.parse({ attended: 'no', csrf: 'x' })).toEqual({ attended: 'no' });
  });
});

describe('outcomeFindings', () => {
  it('records a clean interview as one info finding with every answer as evidence', () => {
    const fs = findingsFor({ ...clean, remarks: 'Calm, good connection.' });
    expect(fs.map((f) => f.code)).toEqual(['INT_INTERVIEW_RECORDED']);
    expect(fs[0]!.severity).toBe('info');
    expect(fs[0]!.evidence[0]!.detail).toMatchObject({ answers: { cameraOnThroughout: 'yes' }, remarks: 'Calm, good connection.', interviewerId: 'anna' });
  });

  it.each([
    ['cameraOnThroughout', 'no', 'INT_CAMERA_OFF', 'high'],
    ['cameraOnThroughout', 'unsure', 'INT_CAMERA_OFF', 'medium'],
    ['faceMatchesDocument', 'no', 'INT_FACE_MISMATCH', 'high'],
    ['faceMatchesDocument', 'unsure', 'INT_FACE_MISMATCH', 'medium'],
    ['locationConsistent', 'no', 'INT_LOCATION_INCONSISTENT', 'medium'],
    ['livenessHandInFront', 'no', 'INT_FACE_SWAP_SUSPECTED', 'high'],
    ['livenessHandInFront', 'unsure', 'INT_FACE_SWAP_SUSPECTED', 'medium'],
    ['livenessProfile', 'no', 'INT_FACE_SWAP_SUSPECTED', 'high'],
    ['livenessProfile', 'unsure', 'INT_FACE_SWAP_SUSPECTED', 'medium'],
    ['phraseRead', 'no', 'INT_PHRASE_NOT_READ', 'high'],
    ['phraseRead', 'unsure', 'INT_PHRASE_NOT_READ', 'medium'],
    ['homeCityConvincing', 'no', 'INT_HOME_CITY_UNCONVINCING', 'medium'],
    ['homeCityConvincing', 'unsure', 'INT_HOME_CITY_UNCONVINCING', 'low'],
    ['sameAsEarlierCall', 'no', 'INT_VOICE_FACE_CHANGED', 'high'],
    ['sameAsEarlierCall', 'unsure', 'INT_VOICE_FACE_CHANGED', 'medium'],
    ['livenessWindow', 'no', 'INT_LIVENESS_NOT_DONE', 'high'],
    ['livenessWindow', 'unsure', 'INT_LIVENESS_NOT_DONE', 'low'],
    ['spokeClaimedLanguages', 'no', 'INT_LANGUAGE_MISMATCH', 'medium'],
    ['readingAnswers', 'yes', 'INT_READING_ANSWERS', 'medium'],
    ['readingAnswers', 'unsure', 'INT_READING_ANSWERS', 'low'],
  ])('%s=%s gives %s (%s)', (field, answer, code, severity) => {
    const fs = findingsFor({ ...clean, [field]: answer });
    const f = fs.find((x) => x.code === code)!;
    expect(f).toBeDefined();
    expect(f.severity).toBe(severity);
    expect(f.stage).toBe('interview');
    expect(f.evidence[0]).toMatchObject({ kind: 'interview-outcome', field, detail: { answer } });
    expect(() => findingSchema.parse(f)).not.toThrow();
    expect(fs.map((x) => x.code)).toContain('INT_INTERVIEW_RECORDED');
  });

  it('names the claimed languages and residence in the messages', () => {
    const fs = findingsFor({ ...clean, spokeClaimedLanguages: 'no', locationConsistent: 'no' });
    expect(fs.find((f) => f.code === 'INT_LANGUAGE_MISMATCH')!.message).toContain('Polish (pl), English (en)');
    expect(fs.find((f) => f.code === 'INT_LOCATION_INCONSISTENT')!.message).toContain('Poland (PL)');
  });

  it('reports the hand and the profile check separately, under one code (one fact for the risk decision)', () => {
    expect(codes({ ...clean, livenessHandInFront: 'no', livenessProfile: 'unsure' }).filter((c) => c === 'INT_FACE_SWAP_SUSPECTED')).toHaveLength(2);
    expect(codes({ ...clean, livenessWindow: 'no' })).toContain('INT_LIVENESS_NOT_DONE');
  });

  it('turns a no-show into INT_NO_SHOW, high on the second one, and nothing else', () => {
    const first = findingsFor({ attended: 'no' });
    expect(first.map((f) => f.code)).toEqual(['INT_NO_SHOW']);
    expect(first[0]!.severity).toBe('medium');
    const second = findingsFor({ attended: 'no', remarks: 'No reply in chat' }, { ...ctx, noShowsBefore: 1 });
    expect(second[0]!.severity).toBe('high');
    expect(second[0]!.evidence[0]!.detail).toMatchObject({ remarks: 'No reply in chat', noShowsBefore: 1 });
  });
});

describe('the interview protocol against stand-ins and face swaps', () => {
  const full = { ...ctx, phrase: 'maple harbor quiet tiger', homeCity: 'Kraków, Poland (PL)' };

  it('quotes the question and the answer in the evidence, so the reviewer sees both', () => {
    const f = findingsFor({ ...clean, livenessHandInFront: 'no' }, full).find((x) => x.code === 'INT_FACE_SWAP_SUSPECTED')!;
    expect(f.evidence[0]!.detail).toMatchObject({ question: expect.stringContaining('Hand in front of the face'), answer: 'no' });
    expect(f.guidance).toContain('January 2025');
  });

  it('records the phrase with its answer and the claimed city with its answer', () => {
    const fs = findingsFor({ ...clean, phraseRead: 'no', homeCityConvincing: 'no' }, full);
    const phrase = fs.find((x) => x.code === 'INT_PHRASE_NOT_READ')!;
    expect(phrase.evidence[0]!.detail).toMatchObject({ phrase: 'maple harbor quiet tiger', answer: 'no' });
    expect(phrase.message).toContain('"maple harbor quiet tiger"');
    expect(fs.find((x) => x.code === 'INT_HOME_CITY_UNCONVINCING')!.message).toContain('Kraków, Poland (PL)');
    const recorded = fs.find((x) => x.code === 'INT_INTERVIEW_RECORDED')!;
    expect(recorded.evidence[0]!.detail).toMatchObject({ protocolVersion: 2, phrase: 'maple harbor quiet tiger' });
  });

  it('n/a on the earlier call (there was none) is no finding', () => {
    expect(codes({ ...clean, sameAsEarlierCall: 'n/a' })).toEqual(['INT_INTERVIEW_RECORDED']);
    expect(codes({ ...clean })).toEqual(['INT_INTERVIEW_RECORDED']);
  });

  it('a refused protocol is a critical hard stop by default, a high finding when the policy says not to hold', () => {
    const held = findingsFor({ ...clean, protocolRefused: 'yes' }).find((x) => x.code === 'INT_PROTOCOL_REFUSED')!;
    expect(held).toMatchObject({ severity: 'critical', hardStop: true });
    const notHeld = findingsFor({ ...clean, protocolRefused: 'yes' }, { ...ctx, holdOnProtocolRefused: false }).find((x) => x.code === 'INT_PROTOCOL_REFUSED')!;
    expect(notHeld).toMatchObject({ severity: 'high', hardStop: false });
    expect(codes({ ...clean, protocolRefused: 'no' })).not.toContain('INT_PROTOCOL_REFUSED');
  });

  it('refuses a missing protocol answer, naming it, and "unsure" on the refusal question', () => {
    for (const field of ['livenessProfile', 'phraseRead', 'homeCityConvincing', 'protocolRefused']) {
      const { [field]: _, ...rest } = clean as Record<string, string>;
      const r = interviewOutcomeSchema.safeParse(rest);
      expect(r.success, field).toBe(false);
      expect(r.error!.issues.map((i) => i.path[0])).toEqual([field]);
    }
    expect(interviewOutcomeSchema.safeParse({ ...clean, protocolRefused: 'unsure' }).success).toBe(false);
  });
});
