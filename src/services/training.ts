/** Typed calls for the 培训, 名册 and 宣传活动 pages. Saves go through the outbox like cases do. */
import type {
  AttendResult, CheckinInfo, CheckinInput, CheckinResult, MergeInput, MergeResult, Person, PersonInput, PersonSaveResult, Publicity, PublicityInput,
  PublicityView, Roster, RosterQuery, Training, TrainingInput, TrainingListItem, TrainingListQuery, TrainingView, WalkInAnswer,
} from '../../types/training';
import type { DatedListQuery } from '../../types/ledger';
import { maskPhones } from '../../types/phone';
import { call } from './backend';
import { outbox, submitWrite, type WriteResult } from './sync';

export const listTrainings = (q: Partial<TrainingListQuery> = {}) => call<TrainingListItem[]>('training', 'list', q);
export const getTraining = (id: string) => call<TrainingView>('training', 'get', { id });
export const saveTraining = (input: TrainingInput) =>
  submitWrite<Training>('training', 'save', input, `培训 ${input.topic} · ${input.date}`);
export const removeTraining = (t: Pick<Training, '_id' | 'version'>) =>
  call<{ id: string }>('training', 'remove', { id: t._id, baseVersion: t.version });

/** The outbox key of one person's attendance at one session: a tick and a later untick replace each other. */
export const attendanceKey = (trainingId: string, personId: string) => `${trainingId}:${personId}`;

const lastTap = new Map<string, Promise<unknown>>();

/**
 * Ticks or unticks one person. Taps on the same person go one after another, so the
 * back end ends where the last tap left it; offline, the tap waits in the outbox.
 */
export function setAttendance(trainingId: string, person: Pick<Person, '_id' | 'name'>, present: boolean): Promise<WriteResult<AttendResult>> {
  const key = attendanceKey(trainingId, person._id);
  const payload = { trainingId, personId: person._id, present };
  const label = `${present ? '签到' : '取消签到'} ${person.name}`;
  const run = (lastTap.get(key) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => submitWrite<AttendResult>('training', 'attend', payload, label, key));
  lastTap.set(key, run);
  const done = () => {
    if (lastTap.get(key) === run) lastTap.delete(key);
  };
  run.then(done, done);
  return run;
}

/** Ticks still waiting on this phone for a session: person id → present. */
export function queuedAttendance(trainingId: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const i of outbox.items()) {
    const p = i.payload as { trainingId?: string; personId?: string; present?: boolean };
    if (i.fn === 'training' && i.action === 'attend' && !i.refused && p.trainingId === trainingId && p.personId) {
      out.set(p.personId, !!p.present);
    }
  }
  return out;
}

/** Who a session page shows ticked: the server's attendees, with the ticks still waiting on this phone on top. */
export function shownAttendees(t: Pick<Training, '_id' | 'attendees'>): Set<string> {
  const present = new Set(t.attendees);
  for (const [personId, on] of queuedAttendance(t._id)) {
    if (on) present.add(personId);
    else present.delete(personId);
  }
  return present;
}

/** One line of a roster or an attendance list; the phone is masked, as rosters answer it. */
export type RosterLine = Pick<Person, '_id' | 'name' | 'phone' | 'isLawPerson' | 'unitId'>;

/**
 * The attendance list: people walked in on this page that the roster answer does not hold
 * yet first, then the roster; narrowed to one village (if any) and to names containing `q`.
 */
export function attendanceLines(roster: readonly RosterLine[], walkIns: readonly RosterLine[], village: string | undefined, q: string): RosterLine[] {
  const known = new Set(roster.map((p) => p._id));
  const text = q.trim();
  return [...walkIns.filter((p) => !known.has(p._id)), ...roster].filter(
    (p) => (!village || p.unitId === village) && (!text || p.name.includes(text)),
  );
}

export type WalkInResult = WriteResult<WalkInAnswer>;

/**
 * A walk-in joins the roster (or is matched to the entry already there) and is ticked; online, a
 * likely entry of the session's area may be offered back first (`match`: 是 ticks it, 否 resends with confirmNew).
 */
export const walkIn = (trainingId: string, person: PersonInput): Promise<WalkInResult> =>
  submitWrite<WalkInAnswer>('training', 'walkIn', { trainingId, person }, `现场补录 ${person.name}`, person.id);

/** A walk-in's line: the roster entry it was matched to or became, or, while it waits in the outbox, what was entered. */
export function walkInLine(result: WalkInResult, input: PersonInput): RosterLine {
  const p = result.outcome === 'sent' && result.data.kind === 'ticked' ? result.data.person : { ...input, _id: input.id };
  return { _id: p._id, name: p.name, phone: maskPhones(p.phone), isLawPerson: p.isLawPerson, unitId: p.unitId };
}

export const checkinInfo = (trainingId: string, token: string) => call<CheckinInfo>('training', 'checkinInfo', { trainingId, token });
export const checkin = (input: CheckinInput) => call<CheckinResult>('training', 'checkin', input);

export const getRoster = (q: Partial<RosterQuery> = {}) => call<Roster>('person', 'roster', q);
export const getPerson = (id: string) => call<Person>('person', 'get', { id });
/** A supervisor merges a duplicate entry into the one kept (online only: it moves attendance and coverage at once). */
export const mergePeople = (input: MergeInput) => call<MergeResult>('person', 'merge', input);
/**
 * Online, the answer may be "this looks like someone already on the roster" (not an
 * error: the form offers the existing entry). Offline, the entry waits in the outbox; if
 * it turns out to be a duplicate when sent, the existing entry stands and none is added.
 */
export const savePerson = (input: PersonInput) => submitWrite<PersonSaveResult>('person', 'save', input, `名册 ${input.name}`);

export const listPublicity = (q: Partial<DatedListQuery> = {}) => call<Publicity[]>('publicity', 'list', q);
export const getPublicity = (id: string) => call<PublicityView>('publicity', 'get', { id });
export const savePublicity = (input: PublicityInput) =>
  submitWrite<Publicity>('publicity', 'save', input, `宣传活动 ${input.title} · ${input.date}`);
export const removePublicity = (p: Pick<Publicity, '_id' | 'version'>) =>
  call<{ id: string }>('publicity', 'remove', { id: p._id, baseVersion: p.version });
