/** 普法宣传活动: log, edit and remove activities, list an area's, read one. */
import { DatedListQuery, RecordRef, RecordVersionRef } from '../../types/ledger';
import { PublicityInput } from '../../types/training';
import { listPublicity, readPublicity, removePublicity, savePublicity } from '../core/app/publicity';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const publicity: CloudFunction = {
  save: (payload, call) => savePublicity(call, parse(PublicityInput, payload)),
  remove: (payload, call) => removePublicity(call, parse(RecordVersionRef, payload)),
  list: (payload, call) => listPublicity(call, parse(DatedListQuery, payload ?? {})),
  get: (payload, call) => readPublicity(call, parse(RecordRef, payload).id),
};
