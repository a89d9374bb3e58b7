/**
 * Where today stands to a session's day (Beijing dates): before it the session is prepared
 * (its code printed, nobody ticked), on it attendance is taken, after it the code is spent.
 */
export type SessionDay = 'ahead' | 'today' | 'past';

export function sessionDay(date: string, today: string): SessionDay {
  return today < date ? 'ahead' : today === date ? 'today' : 'past';
}

/** Why nobody can be ticked yet at a session dated ahead. */
export const notYetMessage = (date: string) => `培训尚未开始,请于 ${date} 当天签到`;

/** The note under a session's code printed before the day. */
export const validOnlyOn = (date: string) => `签到码仅在 ${date} 当天有效`;
