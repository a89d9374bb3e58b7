import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Me } from '../../../../types/org';
import { maskPhones } from '../../../../types/phone';
import type { Training } from '../../../../types/training';
import { CheckinCode } from '../../../components/CheckinCode';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field } from '../../../components/Field';
import { KeyValue } from '../../../components/KeyValue';
import { OutboxBanner } from '../../../components/OutboxBanner';
import { PersonLine, type Line } from '../../../components/PersonLine';
import { SearchBox } from '../../../components/SearchBox';
import { StateView } from '../../../components/StateView';
import { UnitField } from '../../../components/UnitField';
import { SubmitButton } from '../../../components/SubmitButton';
import { useRemote } from '../../../hooks/useRemote';
import { ServerFaultError } from '../../../services/backend';
import { whoami } from '../../../services/ledger';
import { blankPersonForm, checkPersonForm, type PersonForm } from '../../../services/person-form';
import { PAGES } from '../../../services/routes';
import { confirmAndRemove } from '../../../services/toast';
import {
  getRoster, getTraining, queuedAttendance, removeTraining, setAttendance, unitNamer, unitsUnder, walkIn,
} from '../../../services/training';

/** The most a roster answer holds; an area with more people is searched on the server. */
const ROSTER_LIMIT = 1000;
const ALL = '全部';

/** Attendance: the area's roster with a tick per person, search, village filter, and walk-ins. */
function Attendance({ t, canEdit, me }: { t: Training; canEdit: boolean; me?: Me }) {
  const [serverQ, setServerQ] = useState('');
  const roster = useRemote(
    () => getRoster({ unitId: t.unitId, limit: ROSTER_LIMIT, ...(serverQ ? { q: serverQ } : {}) }),
    [t.unitId, serverQ],
  );
  // What the server had when the page opened, with the ticks still waiting on this phone on top.
  const [present, setPresent] = useState(() => {
    const s = new Set(t.attendees);
    for (const [personId, on] of queuedAttendance(t._id)) on ? s.add(personId) : s.delete(personId);
    return s;
  });
  const presentRef = useRef(present);
  presentRef.current = present;
  const [walkIns, setWalkIns] = useState<Line[]>([]);
  const [q, setQ] = useState('');
  const [village, setVillage] = useState(ALL);
  const villages = unitsUnder(me, t.unitId);
  const unitName = unitNamer(me);

  const mark = (personId: string, on: boolean) =>
    setPresent((s) => {
      const next = new Set(s);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });

  const toggle = useCallback(
    (p: Line) => {
      if (!canEdit) return;
      const on = !presentRef.current.has(p._id);
      mark(p._id, on);
      setAttendance(t._id, p, on).catch((err: Error) => {
        // A server fault leaves the tap waiting in the outbox, as with no network: it stays shown.
        if (!(err instanceof ServerFaultError)) mark(p._id, !on);
        Taro.showToast({ title: err.message, icon: 'none', duration: 3000 });
      });
    },
    [canEdit, t._id],
  );

  const addWalkIn = (p: Line) => {
    setWalkIns((w) => [p, ...w.filter((x) => x._id !== p._id)]);
    mark(p._id, true);
  };

  const lines = useMemo(() => {
    const known = new Set(roster.data?.items.map((p) => p._id));
    const all: Line[] = [...walkIns.filter((p) => !known.has(p._id)), ...(roster.data?.items ?? [])];
    const text = q.trim();
    return all.filter((p) => (village === ALL || p.unitId === village) && (!text || p.name.includes(text)));
  }, [roster.data, walkIns, q, village]);

  const partial = !!roster.data && roster.data.total > roster.data.items.length;

  return (
    <View>
      <View className='count-bar'>
        <Text id='attendee-count' className='count-bar__n'>已签到 {present.size} 人</Text>
        {canEdit ? <Text className='count-bar__hint'>点姓名签到,再点取消</Text> : null}
      </View>
      <OutboxBanner />
      {canEdit ? <WalkIn t={t} villages={villages} defaultUnit={village === ALL ? t.unitId : village} onAdded={addWalkIn} /> : null}
      <View className='filters'>
        <SearchBox
          id='attendance-search'
          placeholder='按姓名查找'
          value={q}
          onChange={setQ}
          onSearch={() => (partial || serverQ) && setServerQ(q.trim())}
        />
        {villages.length ? (
          <ChoiceChips
            options={[ALL, ...villages.map((v) => v._id)]}
            labels={Object.fromEntries(villages.map((v) => [v._id, v.name]))}
            value={village}
            onChange={setVillage}
          />
        ) : null}
      </View>
      {partial ? <View className='notice'><Text>名册共 {roster.data?.total} 人,此处列出前 {ROSTER_LIMIT} 人:输入姓名后按搜索查找其他人。</Text></View> : null}
      <StateView
        loading={roster.loading && !roster.data}
        error={roster.error}
        onRetry={roster.reload}
        empty={roster.data && !lines.length ? (q || village !== ALL ? '没有符合条件的人员' : '名册中还没有人员') : undefined}
      />
      <View className='tick-list'>
        {lines.map((p) => (
          <PersonLine key={p._id} p={p} on={present.has(p._id)} unit={unitName(p.unitId)} onTap={toggle} />
        ))}
      </View>
    </View>
  );
}

/** 现场补录: someone not on the roster joins it and is ticked in one step. */
function WalkIn({ t, villages, defaultUnit, onAdded }: { t: Training; villages: Me['units']; defaultUnit: string; onAdded: (p: Line) => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PersonForm>(() => blankPersonForm(defaultUnit));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const checked = checkPersonForm(form);
  const errorOf = (k: keyof PersonForm) => (tried && !checked.ok ? checked.errors[k] : undefined);
  const set = <K extends keyof PersonForm>(k: K, v: PersonForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  if (!open) {
    return (
      <Text id='walkin-open' className='link' onClick={() => { setForm(blankPersonForm(defaultUnit)); setOpen(true); }}>
        + 现场补录(名册中没有的人)
      </Text>
    );
  }
  const submit = async () => {
    setTried(true);
    if (!checked.ok) return;
    setSaving(true);
    try {
      const r = await walkIn(t._id, checked.input);
      const p = r.outcome === 'sent' ? r.data.person : { ...checked.input, _id: checked.input.id };
      onAdded({ ...p, phone: maskPhones(p.phone) });
      Taro.showToast(r.outcome === 'sent' ? { title: `已签到:${p.name}`, icon: 'none' } : { title: '网络不可用:已存入待上传', icon: 'none' });
      setForm(blankPersonForm(form.unitId));
      setTried(false);
      setOpen(false);
    } catch (err) {
      Taro.showToast({ title: (err as Error).message, icon: 'none', duration: 3000 });
    } finally {
      setSaving(false);
    }
  };
  const units = [{ _id: t.unitId, name: '本单位' }, ...villages];
  return (
    <View className='card form walkin'>
      <Text className='section-title'>现场补录</Text>
      <UnitField units={units} label='所属单位' value={form.unitId} onChange={(v) => set('unitId', v)} error={errorOf('unitId')} />
      <Field label='姓名' required error={errorOf('name')}>
        <Input id='walkin-name' className='input' value={form.name} onInput={(e) => set('name', e.detail.value)} />
      </Field>
      <Field label='手机号' error={errorOf('phone')}>
        <Input id='walkin-phone' className='input' type='number' value={form.phone} onInput={(e) => set('phone', e.detail.value)} />
      </Field>
      <View className='actions'>
        <SubmitButton id='walkin-submit' busy={saving} onClick={submit}>加入名册并签到</SubmitButton>
        <Button className='btn btn--plain' onClick={() => setOpen(false)}>取消</Button>
      </View>
    </View>
  );
}

/** One session: its details, its check-in code, and attendance taken from the area's roster. */
export default function SessionPage() {
  const id = useRouter().params.id ?? '';
  const me = useRemote(whoami);
  const view = useRemote(() => getTraining(id), [id]);
  useDidShow(() => view.reload());

  if (!view.data) return <StateView loading={view.loading} error={view.error} onRetry={view.reload} />;
  const { training: t, canEdit, checkinToken } = view.data;

  const remove = () =>
    confirmAndRemove({ title: '删除这场培训?', content: '删除后其签到不再计入覆盖人数。' }, () => removeTraining(t), PAGES.trainingList);

  return (
    <View className='page'>
      <View className='card'>
        <Text id='session-topic' className='case__type'>{t.topic}</Text>
        <KeyValue k='培训类别' v={t.category} />
        <KeyValue k='日期' v={t.date} />
        <KeyValue k='单位' v={unitNamer(me.data)(t.unitId)} />
        <KeyValue k='培训人' v={t.trainer} />
        <KeyValue k='地点' v={t.place} />
        <KeyValue k='学时' v={t.hours || undefined} />
        {canEdit ? (
          <View className='actions'>
            <Button className='btn btn--plain' onClick={() => Taro.navigateTo({ url: `${PAGES.trainingForm}?id=${t._id}` })}>修改</Button>
            <Button className='btn btn--danger' onClick={remove}>删除</Button>
          </View>
        ) : null}
      </View>
      {checkinToken ? <CheckinCode trainingId={t._id} token={checkinToken} /> : null}
      <Attendance key={t.updatedAt} t={t} canEdit={canEdit} me={me.data} />
    </View>
  );
}
