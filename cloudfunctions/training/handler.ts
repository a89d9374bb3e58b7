/** 培训: sessions, attendance ticked from the roster, walk-ins, self check-in by scanning the session's code, and the session's 现场照片. */
import { SessionAttachInput, SessionDetachInput } from '../../types/attachments';
import { AttendanceSheetQuery } from '../../types/attendance-sheet';
import { RecordRef, RecordVersionRef } from '../../types/ledger';
import { AttendanceInput, CheckinInput, CheckinRef, TrainingInput, TrainingListQuery, WalkInInput } from '../../types/training';
import { attachPhoto, detachPhoto } from '../core/app/attachments';
import { attendanceSheetFile } from '../core/app/attendance-sheet';
import { checkinInfo, selfCheckin } from '../core/app/self-checkin';
import { listTrainings, readTraining, removeTraining, saveTraining, tickAttendance, walkIn } from '../core/app/training';
import { trainerTotals } from '../core/app/trainer-work';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const training: CloudFunction = {
  save: (payload, call) => saveTraining(call, parse(TrainingInput, payload)),
  remove: (payload, call) => removeTraining(call, parse(RecordVersionRef, payload)),
  list: (payload, call) => listTrainings(call, parse(TrainingListQuery, payload ?? {})),
  get: (payload, call) => readTraining(call, parse(RecordRef, payload).id),
  attend: (payload, call) => tickAttendance(call, parse(AttendanceInput, payload), call.caller),
  walkIn: (payload, call) => walkIn(call, parse(WalkInInput, payload)),
  attendanceSheet: (payload, call) => attendanceSheetFile(call, parse(AttendanceSheetQuery, payload)),
  mine: (_payload, call) => trainerTotals(call),
  attach: (payload, call) => attachPhoto(call, 'session', parse(SessionAttachInput, payload)),
  detach: (payload, call) => detachPhoto(call, 'session', parse(SessionDetachInput, payload)),
  // Open to attendees who are not users: the session's code in the payload bounds what they may do.
  checkinInfo: { public: true, run: (payload, deps) => checkinInfo(deps, parse(CheckinRef, payload)) },
  checkin: { public: true, run: (payload, deps) => selfCheckin(deps, parse(CheckinInput, payload)) },
};
