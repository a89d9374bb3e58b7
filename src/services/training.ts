/** Typed calls for the 培训, 名册 and 宣传活动 pages. Saves go through the outbox like cases do. */
import type {
  AttendResult, CheckinInfo, CheckinInput, Person, PersonInput, PersonSaveResult, Publicity, PublicityInput,
  PublicityListQuery, PublicityView, Roster, RosterQuery, Training, TrainingInput, TrainingListItem, TrainingListQuery, TrainingView,
} from '../../types/training';
import type { Me, Unit } from '../../types/org';
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

/** A walk-in joins the roster (or is matched to the entry already there) and is ticked. */
export const walkIn = (trainingId: string, person: PersonInput) =>
  submitWrite<AttendResult & { person: Person }>('training', 'walkIn', { trainingId, person }, `现场补录 ${person.name}`, person.id);

export const checkinInfo = (trainingId: string, token: string) => call<CheckinInfo>('training', 'checkinInfo', { trainingId, token });
export const checkin = (input: CheckinInput) => call<AttendResult & { name: string }>('training', 'checkin', input);

export const getRoster = (q: Partial<RosterQuery> = {}) => call<Roster>('person', 'roster', q);
export const getPerson = (id: string) => call<Person>('person', 'get', { id });
/**
 * Online, the answer may be "this looks like someone already on the roster" (not an
 * error: the form offers the existing entry). Offline, the entry waits in the outbox; if
 * it turns out to be a duplicate when sent, the existing entry stands and none is added.
 */
export const savePerson = (input: PersonInput) => submitWrite<PersonSaveResult>('person', 'save', input, `名册 ${input.name}`);

export const listPublicity = (q: Partial<PublicityListQuery> = {}) => call<Publicity[]>('publicity', 'list', q);
export const getPublicity = (id: string) => call<PublicityView>('publicity', 'get', { id });
export const savePublicity = (input: PublicityInput) =>
  submitWrite<Publicity>('publicity', 'save', input, `宣传活动 ${input.title} · ${input.date}`);
export const removePublicity = (p: Pick<Publicity, '_id' | 'version'>) =>
  call<{ id: string }>('publicity', 'remove', { id: p._id, baseVersion: p.version });

/** A unit's name from what `whoami` listed (the units I reach), else its id. */
export function unitNamer(me: Me | undefined): (id: string) => string {
  const names = new Map(me?.units.map((u) => [u._id, u.name]));
  return (id) => names.get(id) ?? id;
}

/** The units under `areaId` that I reach (its villages, for filter chips). */
export function unitsUnder(me: Me | undefined, areaId: string): Unit[] {
  return me?.units.filter((u) => u._id !== areaId && u.path.includes(areaId)) ?? [];
}
