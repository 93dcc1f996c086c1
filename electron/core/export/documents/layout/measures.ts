/** PDF points per millimetre: the Dinas's forms are specified in millimetres, pdfkit draws in points. */
export const MM = 72 / 25.4;

/** Body text size in points; a block ends with as much space below it. */
export const BODY = 9;

/** The hairline of the grid and of the letterhead's double rule. */
export const RULE = 0.2 * MM;
