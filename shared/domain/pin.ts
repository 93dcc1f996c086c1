/**
 * The organizer PIN: 8–12 digits. Its scrypt hash travels to every desk with the event settings,
 * so its length is part of what an offline guesser must pay for (docs/security.md).
 */
export const ORGANIZER_PIN = /^\d{8,12}$/;
