import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { OUTCOMES, type DisputeInput } from '../../../types/dispute';
import { DUE_KINDS, type DueKind } from '../../../types/followup';
import type { DisputeList, DisputeListQuery } from '../../../types/ledger';
import { ChoiceChips } from '../../components/ChoiceChips';
import { DisputeCard } from '../../components/DisputeCard';
import { MonthFilter } from '../../components/MonthFilter';
import { OutboxBanner } from '../../components/OutboxBanner';
import { SearchBox } from '../../components/SearchBox';
import { StateView } from '../../components/StateView';
import { WaitingRows } from '../../components/WaitingRows';
import { useRecordList } from '../../hooks/useRecordList';
import { useMe } from '../../hooks/useMe';
import { waitingCaseLine } from '../../services/dispute-form';
import { dueListTitle } from '../../services/followup';
import { isCaseWrite, ledgerCountLine, listMyDisputes } from '../../services/ledger';
import { PAGES } from '../../services/routes';
import { OfflineNotice } from '../../components/OfflineNotice';

const ALL = '全部';
/** Cases shown at first, and added by each 加载更多. */
const PAGE = 50;

/**
 * 我的台账: my cases newest first, filtered by month, outcome, type and summary text; 50 at a time.
 * Opened from the home page's counts (`?due=`): those cases; with `&unitId=`, a supervisor's list of its unit's.
 */
export default function MyLedger() {
  const params = useRouter().params;
  const due = DUE_KINDS.find((k) => k === params.due) as DueKind | undefined;
  const underUnit = due ? params.unitId : undefined;
  const [filter, setFilter] = useState<Partial<DisputeListQuery>>(() => (due ? { due, ...(underUnit ? { unitId: underUnit } : {}) } : {}));
  const [q, setQ] = useState('');
  const [moreFilters, setMoreFilters] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const { list, waiting } = useRecordList<DisputeList, DisputeInput>(() => listMyDisputes(filter, shown), [filter, shown], isCaseWrite);
  const me = useMe();

  const setF = (patch: Partial<DisputeListQuery>) => {
    setShown(PAGE);
    setFilter((f) => ({ ...f, ...patch }));
  };
  const remaining = list.data?.total === undefined ? undefined : list.data.total - list.data.items.length;
  const open = (id: string) => Taro.navigateTo({ url: `${PAGES.disputeDetail}?id=${id}` });

  return (
    <View className='page'>
      <OutboxBanner />
      <OfflineNotice at={list.offlineAt} />
      {filter.due ? (
        <View className='filter-month'>
          <Text id='due-filter' className='section-title'>{dueListTitle(filter.due, underUnit ? decodeURIComponent(params.name ?? '') : undefined)}</Text>
          {underUnit ? null : <Text id='due-filter-clear' className='link' onClick={() => setF({ due: undefined })}>显示全部案件</Text>}
        </View>
      ) : null}
      {underUnit ? null : (
        <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PAGES.disputeForm })}>
          + 登记纠纷
        </Button>
      )}
      <View className='filters'>
        <ChoiceChips options={[ALL, ...OUTCOMES]} value={filter.outcome ?? ALL} onChange={(v) => setF({ outcome: v === ALL ? undefined : (v as DisputeListQuery['outcome']) })} />
        <SearchBox id='search' placeholder='搜索简要情况' value={q} onChange={setQ} onSearch={() => setF({ q: q.trim() || undefined })} withButton />
        {moreFilters ? (
          <View>
            <MonthFilter id='filter-month' label='受理月份' value={filter.month ?? ''} onChange={(v) => setF({ month: v || undefined })} />
            <ChoiceChips options={[ALL, ...(me.data?.disputeTypes ?? [])]} value={filter.type ?? ALL} onChange={(v) => setF({ type: v === ALL ? undefined : v })} />
          </View>
        ) : (
          <Text className='link' onClick={() => setMoreFilters(true)}>按月份、纠纷类型筛选</Text>
        )}
      </View>
      <WaitingRows rows={waiting.map((d) => ({ id: d.id, text: waitingCaseLine(d, me.data?.units ?? []) }))} />
      {list.data ? (
        <Text id='ledger-total' className='muted'>{ledgerCountLine(list.data)}</Text>
      ) : null}
      <StateView
        loading={list.loading && !list.data}
        error={list.error}
        onRetry={list.retry}
        empty={list.data && !list.data.items.length ? '没有符合条件的案件' : undefined}
      />
      {list.data?.items.map((d) => <DisputeCard key={d._id} d={d} onClick={() => open(d._id)} />)}
      {list.data?.more ? (
        <Button id='load-more' className='btn btn--plain' loading={list.loading || undefined} disabled={list.loading || undefined} onClick={() => setShown((n) => n + PAGE)}>
          {remaining ? `加载更多(还有 ${remaining} 件)` : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
