import { describe, expect, it } from 'vitest';
import { parseCommand, run } from '../../infra/tools/case-cli';

describe('npm run case -- rescreen (arguments)', () => {
  it('takes the function, --full and the region; names what is wrong otherwise', async () => {
    expect(parseCommand(['rescreen', '--function', 'Vetflow-SanctionsRefreshFunction-AbC123', '--full'], { AWS_REGION: 'eu-central-1' })).toEqual({
      command: 'rescreen',
      function: 'Vetflow-SanctionsRefreshFunction-AbC123',
      full: true,
      region: 'eu-central-1',
    });
    const errors: string[] = [];
    expect(
      await run(
        ['rescreen'],
        () => undefined,
        (l) => errors.push(l),
      ),
    ).toBe(2);
    expect(errors.join('\n')).toMatch(/rescreen needs --function/);
    expect(
      await run(
        ['rescreen', '--function', 'f', '--table', 'Cases'],
        () => undefined,
        (l) => errors.push(l),
      ),
    ).toBe(2);
    expect(errors.join('\n')).toMatch(/rescreen does not take --table/);
    expect(
      await run(
        ['rescreen', '--function', 'no spaces allowed'],
        () => undefined,
        (l) => errors.push(l),
      ),
    ).toBe(2);
    expect(errors.join('\n')).toMatch(/--function: not a Lambda function name or ARN/);
  });
});
