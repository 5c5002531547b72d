import { maskAccount } from '../../shared/domain/bank/account-identifier';
import { bankCountryOf } from '../../shared/domain/bank/bank-country';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import { accountFingerprints, accountPrintBases, matchedBy } from '../../shared/domain/cases/fingerprints';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import { recordStageResult } from '../../shared/app/cases/record-stage';
import { loadKeys } from '../../shared/config/secrets';
import { audit, env, repo } from '../../shared/config/services';
import { microDepositsApply, requestMicroDeposits } from '../../shared/app/bank/micro-deposit-flow';
import { activePolicy } from '../../shared/config/policy';
import { propagateToEarlierApplicants } from '../../shared/config/propagate-links';
import { links, mailFrom, publicBaseUrl, reminderLeadMs } from '../../shared/config/link-services';
import { deposits, depositSender } from '../../shared/config/micro-deposit-services';
import { sendEmail } from '../../shared/adapters/notify/mailer';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { checkInput } from '../../shared/adapters/lambda/task-input';
import { sanctionsIndex } from '../../shared/config/sanctions-lists';
import { payeeScreen, payeeScreenUnavailable } from '../../shared/domain/bank/payee-screen';

/**
 * Bank-account verification: the payout route's red flags and accounts shared with other applicants; where
 * the policy asks for it, two micro-deposits and a link for the contractor to confirm them (answered later,
 * weighed at the reassessment after the interview).
 */
export const handler = stageTask('bank-check', checkInput, async ({ onboardingId, runId, linked: found }) => {
  const c = await repo.mustGetCase(onboardingId);
  const keys = await loadKeys(env.SECRET_ARN);
  // The account's prints only: this function keys no phone (it ships no numbering plans).
  const account = accountFingerprints(keys.fingerprintKey, c.application.payment);
  // As the API found them (after writing the fingerprints with the case), else looked up here.
  // One case per other applicant: the account may meet it under its reference and its mailbox (a payment platform's).
  const met = found ? found.filter((l) => l.kind === 'bank-account') : await findLinkedCases(repo, c, account);
  const linked = [...new Map(met.map((l) => [l.caseId, l])).values()];
  // Which of the account's keys met each (the account as given, or written another way): told to the reviewer.
  const bases = accountPrintBases(keys.fingerprintKey, c.application.payment);
  // The payee's BIC and wallet against the lists' identifiers (exact, after normalization): a listed bank
  // or wallet is BANK_SANCTIONS_HIT with the entry. No lists at all (not even the snapshot shipped with the
  // function): BANK_SCREENING_UNAVAILABLE, as for a payout change.
  const { index, error } = await sanctionsIndex(env);
  const findings = checkBankAccount({
    request: c.application,
    screen: index ? payeeScreen(index) : payeeScreenUnavailable(error ?? 'no lists'),
    linkedApplicants: met.map((l) => ({ caseId: l.caseId, status: l.status, ...matchedBy(bases, l.via) })),
    policy: { holdOnAccountSharedWithHeldCase: activePolicy().bank.holdOnAccountSharedWithHeldCase, hardStopCountries: activePolicy().countries.hardStop },
  });
  let microDeposits = false;
  if (microDepositsApply(activePolicy(), c.application.payment))
    microDeposits = await requestMicroDeposits(
      {
        repo,
        deposits,
        sender: depositSender,
        links,
        linkKey: keys.linkKey,
        baseUrl: publicBaseUrl(),
        reminderLeadMs: reminderLeadMs(),
        audit,
        send: async (to, mail) => void (await sendEmail(mailFrom(), [to], mail)),
        organisationName: 'vetflow',
      },
      c,
      account[0]!.hmac,
    );
  const summary = await recordStageResult(repo, audit, {
    caseId: onboardingId,
    // Beside the other checks: the stage.completed event is the risk decision's to append (no race on the head).
    deferEvent: true,
    stage: 'bank',
    runId,
    inputs: { method: c.application.payment.method, account: maskAccount(c.application.payment), bankCountry: bankCountryOf(c.application.payment) ?? null },
    findings,
    data: { linkedCases: linked.map((l) => l.caseId), microDepositsSent: microDeposits },
  });
  // Links both ways: each earlier applicant sharing the account gets the finding too.
  await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'bank', runId, accountBases: bases }, met);
  return summary;
});
