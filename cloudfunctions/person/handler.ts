/** 人员 / 法律明白人 rosters: add and edit people (with duplicate detection), a roster page, one entry, merging two entries of one person, a person's training history, importing a roster sheet. */
import { RecordRef } from '../../types/ledger';
import { RosterImportInput } from '../../types/roster-import';
import { MergeInput, PersonInput, RosterQuery } from '../../types/training';
import { mergePeople } from '../core/app/merge-people';
import { listRoster, readPerson, savePerson } from '../core/app/person';
import { personHistory } from '../core/app/trainer-work';
import { importRoster } from '../core/app/roster-import';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const person: CloudFunction = {
  save: (payload, call) => savePerson(call, parse(PersonInput, payload)),
  roster: (payload, call) => listRoster(call, parse(RosterQuery, payload ?? {})),
  get: (payload, call) => readPerson(call, parse(RecordRef, payload).id),
  merge: (payload, call) => mergePeople(call, parse(MergeInput, payload)),
  history: (payload, call) => personHistory(call, parse(RecordRef, payload).id),
  import: (payload, call) => importRoster(call, parse(RosterImportInput, payload)),
};
