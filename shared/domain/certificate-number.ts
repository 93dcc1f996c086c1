/** A halal certificate number: "ID" and 17 digits; anything else is kept with a warning (domain.md §2). */
export const CERTIFICATE_NUMBER = /^ID\d{17}$/;
