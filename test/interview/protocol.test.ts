import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { interviewPhotoKeys, photoOrigins } from '../../shared/domain/document/interview-photos';
import { earlierCall } from '../../shared/domain/interview/earlier-call';
import { interviewOutcomeSchema, outcomeFindings } from '../../shared/domain/interview/outcome';
import { interviewPhrase, PHRASE_WORDS } from '../../shared/domain/interview/protocol-phrase';
import { contentSecurityPolicy } from '../../shared/domain/pages/security-headers';
import { defaultPolicy } from '../../shared/domain/policy/default-policy';
import { parsePolicyObject } from '../../shared/adapters/files/load-policy';
import { policySchema } from '../../shared/domain/policy/policy-schema';
import { decideRisk } from '../../shared/domain/risk/decide';
import { describeRule } from '../../shared/domain/risk/catalogue';

const key = Buffer.alloc(32, 7);
const interview = { caseId: 'case-1', callbackId: 'cb-1', slotStart: '2025-03-04T08:00:00Z' };

describe('interviewPhrase', () => {
  it('is four words of a 256-word list without duplicates', () => {
    expect(PHRASE_WORDS).toHaveLength(256);
    expect(new Set(PHRASE_WORDS).size).toBe(256);
    for (const w of PHRASE_WORDS) expect(w).toMatch(/^[a-z]{3,9}$/);
    const words = interviewPhrase(key, interview).split(' ');
    expect(words).toHaveLength(4);
    for (const w of words) expect(PHRASE_WORDS).toContain(w);
  });

  it('is the same on every rendering of one interview, new for a rescheduled slot, another case or another key', () => {
    const phrase = interviewPhrase(key, interview);
    expect(interviewPhrase(key, { ...interview })).toBe(phrase);
    // 32 bits: a collision among these few is a 1-in-a-billion event, not a flaky test.
    expect(interviewPhrase(key, { ...interview, slotStart: '2025-03-05T08:00:00Z' })).not.toBe(phrase);
    expect(interviewPhrase(key, { ...interview, caseId: 'case-2' })).not.toBe(phrase);
    expect(interviewPhrase(key, { ...interview, callbackId: 'cb-2' })).not.toBe(phrase);
    expect(interviewPhrase(Buffer.alloc(32, 8), interview)).not.toBe(phrase);
  });

  it('does not let one field run into the next (case "a|b" + callback "c" is not case "a" + callback "b|c")', () => {
    expect(interviewPhrase(key, { caseId: 'ab', callbackId: 'c', slotStart: 's' })).not.toBe(interviewPhrase(key, { caseId: 'a', callbackId: 'bc', slotStart: 's' }));
  });

  it('spreads over the whole list (every word reachable, none favoured)', () => {
    const counts = new Map<string, number>();
    const k = randomBytes(32);
    for (let i = 0; i < 4000; i++) for (const w of interviewPhrase(k, { ...interview, caseId: `c${i}` }).split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
    // 16,000 draws over 256 words: 62.5 expected each; an unbiased draw stays far inside these bounds.
    expect(counts.size).toBe(256);
    expect(Math.max(...counts.values())).toBeLessThan(130);
  });
});

describe('earlierCall', () => {
  const recorded = { stage: 'interview' as const, findings: [{ code: 'INT_INTERVIEW_RECORDED' }], inputs: { slotStart: '2025-02-01T10:00:00Z' }, recordedAt: '2025-02-01T11:00:00Z' };
  it('is none for a first interview, even after a no-show', () => {
    expect(earlierCall([], [])).toBeUndefined();
    expect(earlierCall([{ ...recorded, findings: [{ code: 'INT_NO_SHOW' }] }] as never, [{ type: 'no-show', at: '2025-02-01T10:30:00Z' }])).toBeUndefined();
  });
  it('is the last interview held before: one recorded on the case, or held in this history', () => {
    expect(earlierCall([recorded] as never, [])).toEqual({ at: '2025-02-01T10:00:00Z' });
    expect(earlierCall([recorded] as never, [{ type: 'held', at: '2025-02-08T10:00:00Z' }])).toEqual({ at: '2025-02-08T10:00:00Z' });
  });
});

describe('interview photos', () => {
  it('shows the last front and the last selfie, never the back', () => {
    const files = [
      { kind: 'front', key: 'uploads/a/1' },
      { kind: 'back', key: 'uploads/a/2' },
      { kind: 'front', key: 'uploads/a/3' },
      { kind: 'selfie', key: 'uploads/a/4' },
    ];
    expect(interviewPhotoKeys(files)).toEqual({ document: 'uploads/a/3', selfie: 'uploads/a/4' });
    expect(interviewPhotoKeys([{ kind: 'back', key: 'uploads/a/2' }])).toEqual({});
  });

  it('allows exactly the bucket origin in img-src, and only https or a loopback http origin', () => {
    const urls = { document: 'https://docs.s3.eu-west-1.amazonaws.com/uploads/a/3?X-Amz-Signature=1', selfie: 'https://docs.s3.eu-west-1.amazonaws.com/uploads/a/4?X-Amz-Signature=2' };
    expect(photoOrigins(urls)).toEqual(['https://docs.s3.eu-west-1.amazonaws.com']);
    expect(photoOrigins({})).toEqual([]);
    expect(contentSecurityPolicy({ imgSrc: photoOrigins(urls) })).toContain("img-src 'self' https://docs.s3.eu-west-1.amazonaws.com;");
    expect(contentSecurityPolicy({ imgSrc: ['http://127.0.0.1:4567'] })).toContain("img-src 'self' http://127.0.0.1:4567;");
    for (const bad of ['http://evil.example', 'https://a.example/path', 'https:', '*', 'https://*.amazonaws.com', "https://a.example 'unsafe-inline'"])
      expect(contentSecurityPolicy({ imgSrc: [bad] }), bad).toContain("img-src 'self';");
  });
});

describe('the protocol in the risk decision', () => {
  const answers = {
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
  };
  const ctx = { claimedLanguages: ['pl'], residenceCountry: 'PL', interviewerId: 'anna', slotStart: '2025-03-04T08:00:00Z' };
  const policy = policySchema.parse(defaultPolicy);
  const decide = (form: Record<string, string>, hold = policy.engagement.holdOnInterviewProtocolRefused) =>
    decideRisk({ findings: outcomeFindings(interviewOutcomeSchema.parse(form), { ...ctx, holdOnProtocolRefused: hold }), policy });

  it('a face swap suspected on the hand check sends the case to a reviewer, with its policy weight', () => {
    const d = decide({ ...answers, livenessHandInFront: 'no' });
    expect(d.outcome).toBe('review');
    expect(d.score).toBe(policy.weights.bySeverity.high);
  });

  it('refusing the protocol holds the case by default (engagement.holdOnInterviewProtocolRefused)', () => {
    expect(policy.engagement.holdOnInterviewProtocolRefused).toBe(true);
    const d = decide({ ...answers, protocolRefused: 'yes' });
    expect(d.outcome).toBe('hold');
    expect(d.hardStops.map((h) => h.code)).toEqual(['INT_PROTOCOL_REFUSED']);
  });

  it('a policy that turns the hold off makes the refusal a review, not a hold', () => {
    const p = parsePolicyObject({ version: 'x', engagement: { ...defaultPolicy.engagement, holdOnInterviewProtocolRefused: false } });
    expect(p.engagement.holdOnInterviewProtocolRefused).toBe(false);
    const d = decide({ ...answers, protocolRefused: 'yes' }, p.engagement.holdOnInterviewProtocolRefused);
    expect(d.outcome).toBe('review');
    expect(d.hardStops).toEqual([]);
  });

  it('a policy file that leaves the key out gets the hold', () => {
    const { holdOnInterviewProtocolRefused: _, ...rest } = defaultPolicy.engagement;
    expect(parsePolicyObject({ version: 'x', engagement: rest }).engagement.holdOnInterviewProtocolRefused).toBe(true);
  });

  it('every protocol code is in the catalogue with the January 2025 notice as its source', () => {
    for (const code of ['INT_FACE_SWAP_SUSPECTED', 'INT_PHRASE_NOT_READ', 'INT_HOME_CITY_UNCONVINCING', 'INT_VOICE_FACE_CHANGED', 'INT_PROTOCOL_REFUSED'])
      expect(describeRule(code)?.sources, code).toContain('FBI_PSA_2025_JAN');
  });
});
