/**
 * The interviewer's questions, worded once: the outcome form asks them, the findings quote them, and the
 * case page shows them with the answer. Pure.
 *
 * The `protocol` questions are the checks the FBI's January 2025 notice on DPRK IT workers names against
 * stand-ins and real-time face swaps: camera on, a hand passed in front of the face and the head turned
 * fully to each side (face-swap filters tear, blur or lag when the face is covered or in profile), a short
 * phrase read aloud that nobody could prepare (a voice changer or a prompter lags behind it), questions
 * about the claimed home city, the face against the document photo, and the voice and face against any
 * earlier call (a different person at the second call). The others are older observations kept as they were.
 */
export type OutcomeQuestionName =
  | 'cameraOnThroughout'
  | 'livenessHandInFront'
  | 'livenessProfile'
  | 'phraseRead'
  | 'homeCityConvincing'
  | 'faceMatchesDocument'
  | 'sameAsEarlierCall'
  | 'protocolRefused'
  | 'locationConsistent'
  | 'livenessWindow'
  | 'spokeClaimedLanguages'
  | 'readingAnswers';

/** yes/no/unsure; `yes-no` where "unsure" means nothing; `with-na` where the question may not apply. */
export type AnswerSet = 'yes-no-unsure' | 'yes-no' | 'with-na';

export interface OutcomeQuestion {
  name: OutcomeQuestionName;
  question: string;
  hint?: string;
  protocol: boolean;
  answers: AnswerSet;
}

/** In the order an interviewer meets them during the call: the protocol first, then the other observations. */
export const OUTCOME_QUESTION_LIST: readonly OutcomeQuestion[] = [
  { name: 'cameraOnThroughout', question: 'Was the camera on for the whole interview?', protocol: true, answers: 'yes-no-unsure' },
  {
    name: 'livenessHandInFront',
    question: 'Hand in front of the face: when asked, did they pass a hand slowly in front of their face, with the face staying intact?',
    hint: 'Answer "No" if they did not do it, or if the face tore, blurred, lagged or showed through the hand: face-swap filters fail when the face is covered.',
    protocol: true,
    answers: 'yes-no-unsure',
  },
  {
    name: 'livenessProfile',
    question: 'Profile: did they turn their head fully to each side (ears visible), with the face staying intact?',
    hint: 'Answer "No" if they did not turn fully, or if the face warped, flickered or changed shape in profile.',
    protocol: true,
    answers: 'yes-no-unsure',
  },
  {
    name: 'phraseRead',
    question: 'Phrase: did they read the phrase below aloud at once, fluently, with lips and voice in sync?',
    hint: 'Reveal the phrase only at the moment you ask for it and read it out or type it into the call chat. A delay, a second voice or lips out of sync is "No".',
    protocol: true,
    answers: 'yes-no-unsure',
  },
  {
    name: 'homeCityConvincing',
    question: 'Home city: did they answer questions about their claimed home city convincingly?',
    hint: 'Ask something a resident knows and a search does not answer quickly: a district, the way to a landmark, the weather this week, local food.',
    protocol: true,
    answers: 'yes-no-unsure',
  },
  {
    name: 'faceMatchesDocument',
    question: 'Does the face on camera match the document photo and the selfie?',
    hint: 'Compare face shape, ears, hairline; AI-altered photos often look smoother than the live face.',
    protocol: true,
    answers: 'yes-no-unsure',
  },
  {
    name: 'sameAsEarlierCall',
    question: 'Earlier call: were the voice and the face the same as in the earlier call?',
    hint: 'A different person at the second call is how stand-ins work.',
    protocol: true,
    answers: 'with-na',
  },
  {
    name: 'protocolRefused',
    question: 'Did the applicant refuse any part of this protocol?',
    hint: 'Refusing the hand, profile or phrase check, or the camera, is itself a finding; the policy may put the case on hold for it.',
    protocol: true,
    answers: 'yes-no',
  },
  {
    name: 'locationConsistent',
    question: 'Are the location and background consistent with the claimed residence?',
    hint: 'Virtual or blurred backgrounds count as "unsure" unless removed on request.',
    protocol: false,
    answers: 'yes-no-unsure',
  },
  {
    name: 'livenessWindow',
    question: 'Liveness: did they turn the camera to a window when asked?',
    hint: 'Daylight should match the local time in the claimed time zone.',
    protocol: false,
    answers: 'yes-no-unsure',
  },
  { name: 'spokeClaimedLanguages', question: 'Did they speak the claimed language(s)?', protocol: false, answers: 'yes-no-unsure' },
  {
    name: 'readingAnswers',
    question: 'Were there signs of reading answers or being prompted?',
    hint: 'Long pauses, eyes tracking text, a voice off camera, answers that sound recited.',
    protocol: false,
    answers: 'yes-no-unsure',
  },
];

export const questionText = (name: OutcomeQuestionName): string => OUTCOME_QUESTION_LIST.find((q) => q.name === name)!.question;
