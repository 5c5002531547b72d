/** The organisation named in every mail and calendar invitation the handlers send. */
export const organisationName = 'vetflow';
