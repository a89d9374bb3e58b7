/** 矛盾纠纷: save (create or edit, idempotent), remove, 我的台账, one case, its history. */
import { DisputeInput } from '../../types/dispute';
import { DisputeListQuery, RecordRef, RecordVersionRef } from '../../types/ledger';
import { disputeHistory, listMyCases, readDispute, removeDispute, saveDispute } from '../core/app/dispute';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const dispute: CloudFunction = {
  save: (payload, call) => saveDispute(call, parse(DisputeInput, payload)),
  remove: (payload, call) => removeDispute(call, parse(RecordVersionRef, payload)),
  list: (payload, call) => listMyCases(call, parse(DisputeListQuery, payload ?? {})),
  get: (payload, call) => readDispute(call, parse(RecordRef, payload).id),
  history: (payload, call) => disputeHistory(call, parse(RecordRef, payload).id),
};
