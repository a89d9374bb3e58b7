import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { QueuedWrite } from '../services/outbox';
import { useOutbox } from '../services/sync';
import { useRemote } from './useRemote';

/**
 * A list page's records, kept fresh: loaded again when the page shows, on pull-down, and when
 * the outbox has sent something (it is on the server now). `waiting`: the writes `queued`
 * picks that are still on the phone, which belong in the list too, marked as waiting.
 */
export function useRecordList<T, W>(load: () => Promise<T>, deps: unknown[], queued: (w: QueuedWrite) => boolean) {
  const list = useRemote(load, deps);
  const box = useOutbox();
  const waiting = box.items.filter((w) => !w.refused && queued(w)).map((w) => w.payload as W);
  useDidShow(() => list.reload());
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  const pendingBefore = useRef(box.pending);
  useEffect(() => {
    if (box.pending < pendingBefore.current) list.reload();
    pendingBefore.current = box.pending;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [box.pending]);
  return { list, waiting };
}
