/** The name the emails and pages sign with (one place, so handlers never import each other for it). */
export const organisationName = 'vetflow';
