import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Unit } from '../../../../types/org';
import type { PersonMatch, Training } from '../../../../types/training';
import { Field } from '../../../components/Field';
import { SameOneOffer } from '../../../components/SameOneOffer';
import { SubmitButton } from '../../../components/SubmitButton';
import { UnitField } from '../../../components/UnitField';
import { blankPersonForm, checkPersonForm, type PersonForm } from '../../../services/person-form';
import { toastError } from '../../../services/toast';
import { setAttendance, walkIn, walkInLine, type RosterLine } from '../../../services/training';
import { TypedInput } from '../../../components/TypedInput';

interface Props {
  t: Training;
  /** The session's villages that I reach; a walk-in belongs to one of them or to the session's unit. */
  villages: Unit[];
  /** Where the form starts: the village the list is narrowed to, else the session's unit. */
  defaultUnit: string;
  onAdded: (p: RosterLine) => void;
}

/** 现场补录: someone not on the roster joins it and is ticked in one step. */
export function WalkIn({ t, villages, defaultUnit, onAdded }: Props) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<PersonForm>(() => blankPersonForm(defaultUnit));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  // A likely entry of the session's area, offered before a second one is made.
  const [match, setMatch] = useState<PersonMatch>();
  const checked = checkPersonForm(form);
  const errorOf = (k: keyof PersonForm) => (tried && !checked.ok ? checked.errors[k] : undefined);
  const set = <K extends keyof PersonForm>(k: K, v: PersonForm[K]) => {
    setMatch(undefined);
    setForm((f) => ({ ...f, [k]: v }));
  };
  const close = () => {
    setForm(blankPersonForm(form.unitId));
    setTried(false);
    setMatch(undefined);
    setOpen(false);
  };

  if (!open) {
    return (
      <Text id='walkin-open' className='link' onClick={() => { setForm(blankPersonForm(defaultUnit)); setOpen(true); }}>
        + 现场补录(名册中没有的人)
      </Text>
    );
  }
  /** `confirmNew`: the trainer answered 否 to the entry offered. */
  const submit = async (confirmNew = false) => {
    setTried(true);
    if (!checked.ok) return;
    setSaving(true);
    try {
      const input = confirmNew ? { ...checked.input, confirmNew: true } : checked.input;
      const r = await walkIn(t._id, input);
      if (r.outcome === 'sent' && r.data.kind === 'match') {
        setMatch(r.data.match);
        return;
      }
      const p = walkInLine(r, input);
      onAdded(p);
      void Taro.showToast({ title: r.outcome === 'sent' ? `已签到:${p.name}` : '网络不可用:已存入待上传', icon: 'none' });
      close();
    } catch (err) {
      toastError(err);
    } finally {
      setSaving(false);
    }
  };
  /** 是: the entry offered is ticked, as a tap on its line would (the outbox keeps it when offline). */
  const tickMatch = async (m: PersonMatch) => {
    setSaving(true);
    try {
      const r = await setAttendance(t._id, m, true);
      onAdded({ _id: m._id, name: m.name, phone: m.phone, isLawPerson: m.isLawPerson, unitId: m.unitId });
      void Taro.showToast({ title: r.outcome === 'sent' ? `已签到:${m.name}` : '网络不可用:已存入待上传', icon: 'none' });
      close();
    } catch (err) {
      toastError(err);
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
        <TypedInput id='walkin-phone' kind='phone' value={form.phone} onChange={(v) => set('phone', v)} />
      </Field>
      {match ? (
        <SameOneOffer match={match} busy={saving} onYes={() => void tickMatch(match)} onNo={() => void submit(true)} />
      ) : (
        <View className='actions'>
          <SubmitButton id='walkin-submit' busy={saving} onClick={() => void submit()}>加入名册并签到</SubmitButton>
          <Button className='btn btn--plain' onClick={() => setOpen(false)}>取消</Button>
        </View>
      )}
    </View>
  );
}
