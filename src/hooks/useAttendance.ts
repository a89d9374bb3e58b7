import { useCallback, useRef, useState } from 'react';
import type { Training } from '../../types/training';
import { ServerFaultError } from '../services/backend';
import { setAttendance, shownAttendees, type RosterLine } from '../services/training';
import { toastError } from '../services/toast';

/**
 * Who is ticked at a session, and a tap to tick or untick someone. A tap shows at once; a
 * refused one is taken back, while one left waiting (no network, a server fault) stays shown.
 */
export function useAttendance(t: Training, canEdit: boolean) {
  const [present, setPresent] = useState(() => shownAttendees(t));
  // A reloaded session (back on the page, a photo added) brings the stored ticks; the page keeps
  // its search and filters, only the ticks follow the server.
  const served = t.attendees.join();
  const [seen, setSeen] = useState(served);
  if (seen !== served) {
    setSeen(served);
    setPresent(shownAttendees(t));
  }
  // Taps read the ticks as they are now, not as the render that made the tap handler saw them.
  const presentRef = useRef(present);
  presentRef.current = present;

  const mark = useCallback(
    (personId: string, on: boolean) =>
      setPresent((s) => {
        const next = new Set(s);
        if (on) next.add(personId);
        else next.delete(personId);
        return next;
      }),
    [],
  );

  const toggle = useCallback(
    (p: RosterLine) => {
      if (!canEdit) return;
      const on = !presentRef.current.has(p._id);
      mark(p._id, on);
      setAttendance(t._id, p, on).catch((err: Error) => {
        if (!(err instanceof ServerFaultError)) mark(p._id, !on);
        toastError(err);
      });
    },
    [canEdit, t._id, mark],
  );

  return { present, toggle, mark };
}
