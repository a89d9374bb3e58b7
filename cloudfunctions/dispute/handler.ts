/** 矛盾纠纷: save (create or edit, idempotent), remove, 我的台账, one case, its history, its 卷宗文书, its photos, 回访 and 司法确认, what is due; and the unit's 排查 rounds. */
import { AttachInput, DetachInput } from '../../types/attachments';
import { CaseDocumentQuery } from '../../types/case-documents';
import { DisputeInput } from '../../types/dispute';
import { ConfirmationInput, FollowUpInput } from '../../types/followup';
import { DatedListQuery, DisputeListQuery, RecordRef, RecordVersionRef } from '../../types/ledger';
import { FileReviewInput } from '../../types/file-review';
import { ScreeningInput } from '../../types/screening';
import { flaggedCases } from '../core/app/alerts';
import { attachPhoto, detachPhoto } from '../core/app/attachments';
import { caseDocumentFile } from '../core/app/case-documents';
import { caseFileCheck, casesToFix, reviewCaseFile } from '../core/app/file-review';
import { disputeHistory, listMyCases, readDispute, removeDispute, saveDispute } from '../core/app/dispute';
import { dueView, saveConfirmation, saveFollowUp } from '../core/app/followup';
import { listScreenings, readScreening, removeScreening, saveScreening } from '../core/app/screening';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const dispute: CloudFunction = {
  save: (payload, call) => saveDispute(call, parse(DisputeInput, payload)),
  remove: (payload, call) => removeDispute(call, parse(RecordVersionRef, payload)),
  list: (payload, call) => listMyCases(call, parse(DisputeListQuery, payload ?? {})),
  get: (payload, call) => readDispute(call, parse(RecordRef, payload).id),
  history: (payload, call) => disputeHistory(call, parse(RecordRef, payload).id),
  document: (payload, call) => caseDocumentFile(call, parse(CaseDocumentQuery, payload)),
  attach: (payload, call) => attachPhoto(call, 'case', parse(AttachInput, payload)),
  detach: (payload, call) => detachPhoto(call, 'case', parse(DetachInput, payload)),
  followUpSave: (payload, call) => saveFollowUp(call, parse(FollowUpInput, payload)),
  confirmationSave: (payload, call) => saveConfirmation(call, parse(ConfirmationInput, payload)),
  due: (_payload, call) => dueView(call),
  screeningSave: (payload, call) => saveScreening(call, parse(ScreeningInput, payload)),
  screeningRemove: (payload, call) => removeScreening(call, parse(RecordVersionRef, payload)),
  screenings: (payload, call) => listScreenings(call, parse(DatedListQuery, payload ?? {})),
  screening: (payload, call) => readScreening(call, parse(RecordRef, payload).id),
  flagged: (_payload, call) => flaggedCases(call),
  fileCheck: (payload, call) => caseFileCheck(call, parse(RecordRef, payload).id),
  review: (payload, call) => reviewCaseFile(call, parse(FileReviewInput, payload)),
  toFix: (_payload, call) => casesToFix(call),
};
