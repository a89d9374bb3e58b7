import { customAlphabet } from 'nanoid/non-secure';

/** Ids are made on the phone, so a resend after a lost answer is recognised as the same record. */
export const newRecordId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 21);
