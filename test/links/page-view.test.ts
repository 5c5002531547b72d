import { describe, expect, it } from 'vitest';
import { pageViewKey, pageViewRefusal, sealPageView } from '../../shared/domain/links/page-view';

/** The sealed record of what a reviewer's page showed (shared/domain/links/page-view.ts), as the adversary meets it. */
describe('review page view', () => {
  const key = pageViewKey(Buffer.alloc(32, 7));
  const binding = { tokenHash: 'hash-of-ritas-link', caseId: 'ob_0001', callbackId: 'cb-round-1' };
  const shown = ['k-doc', 'k-reference'];
  const view = sealPageView(key, binding, shown);

  it('covers the findings it showed, and fewer (one cleared since)', () => {
    expect(pageViewRefusal(key, binding, view, shown)).toBeUndefined();
    expect(pageViewRefusal(key, binding, view, ['k-doc'])).toBeUndefined();
    expect(pageViewRefusal(key, binding, view, [])).toBeUndefined();
  });

  it('does not cover a finding that came in after it was served, however often it is replayed', () => {
    expect(pageViewRefusal(key, binding, view, [...shown, 'k-telegram'])).toBe('stale');
    const second = sealPageView(key, binding, [...shown, 'k-telegram']);
    expect(pageViewRefusal(key, binding, second, [...shown, 'k-telegram', 'k-signal'])).toBe('stale');
  });

  it('is missing when the form did not send it', () => {
    expect(pageViewRefusal(key, binding, undefined, shown)).toBe('missing');
    expect(pageViewRefusal(key, binding, '', shown)).toBe('missing');
  });

  it('does not open for another link, another case, another round, another key, or altered or made up', () => {
    for (const other of [
      { ...binding, tokenHash: 'hash-of-omars-link' },
      { ...binding, caseId: 'ob_0002' },
      { ...binding, callbackId: 'cb-round-2' },
    ])
      expect(pageViewRefusal(key, other, view, [])).toBe('not-this-page');
    expect(pageViewRefusal(pageViewKey(Buffer.alloc(32, 8)), binding, view, [])).toBe('not-this-page');
    const bytes = Buffer.from(view, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    expect(pageViewRefusal(key, binding, bytes.toString('base64url'), [])).toBe('not-this-page');
    expect(pageViewRefusal(key, binding, 'x'.repeat(80), [])).toBe('not-this-page');
    expect(pageViewRefusal(key, binding, '%%%', [])).toBe('not-this-page');
  });

  it('is not a key used for anything else: the link key itself does not open it', () => {
    expect(pageViewRefusal(Buffer.alloc(32, 7), binding, view, [])).toBe('not-this-page');
  });
});
