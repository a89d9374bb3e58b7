import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { todayBeijing } from '../../../../types/dates';
import type { Dispute } from '../../../../types/dispute';
import { CONFIRMATION_STATUSES, FOLLOW_UP_WAYS, isDecided, PERFORMANCES, type ConfirmationStatus } from '../../../../types/followup';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { DateField } from '../../../components/DateField';
import { FaultNotice } from '../../../components/FaultNotice';
import { Field } from '../../../components/Field';
import { KeyValue } from '../../../components/KeyValue';
import { SubmitButton } from '../../../components/SubmitButton';
import { TextAreaField } from '../../../components/TextAreaField';
import { toastSaved, useDraftForm } from '../../../hooks/useDraftForm';
import {
  blankFollowUpForm, checkConfirmationForm, checkFollowUpForm, confirmationForm, saveConfirmation, saveFollowUp, type ConfirmationForm,
} from '../../../services/followup';
import { toastError } from '../../../services/toast';
import './FollowUpCard.css';

interface Props {
  d: Dispute;
  /** The viewer recorded the case (or may edit it): they record its 回访 and 司法确认. */
  canEdit: boolean;
  /** After a save: the page reads the case again. */
  onSaved: () => void;
}

/** A 调解成功 case's 回访 (when due, those recorded, a new one) and its 司法确认. */
export function FollowUpCard({ d, canEdit, onSaved }: Props) {
  if (d.outcome !== '调解成功') return null;
  const today = todayBeijing();
  return (
    <View className='card' id='follow-up-card'>
      <Text className='section-title'>回访</Text>
      {d.followUpDue ? (
        <Text id='follow-up-due' className={`follow-up__due ${d.followUpDue <= today ? 'follow-up__due--late' : ''}`}>
          {d.followUpDue <= today ? `回访已到期(${d.followUpDue}),请尽快回访` : `请于 ${d.followUpDue} 前回访`}
        </Text>
      ) : null}
      {(d.followUps ?? []).map((f) => (
        <View key={f.id} className='history__item follow-up'>
          <Text>{f.date} · {f.way}回访 · {f.performance}</Text>
          {f.note ? <Text className='muted'>{f.note}</Text> : null}
          <Text className='muted'>回访人:{f.byName}</Text>
        </View>
      ))}
      {!d.followUps?.length && !canEdit ? <Text className='muted'>尚未回访</Text> : null}
      {canEdit ? <FollowUpForm caseId={d._id} onSaved={onSaved} /> : null}
      <Text className='section-title'>司法确认</Text>
      {canEdit && d.agreementForm === '书面' ? (
        <ConfirmationEditor d={d} onSaved={onSaved} />
      ) : (
        <View>
          <KeyValue k='司法确认' v={d.confirmation?.status ?? '未申请'} />
          <KeyValue k='申请日期' v={d.confirmation?.appliedDate} />
          <KeyValue k='确认/裁定日期' v={d.confirmation?.decidedDate} />
          {d.agreementForm !== '书面' ? <Text className='muted'>口头协议不申请司法确认。</Text> : null}
        </View>
      )}
    </View>
  );
}

function FollowUpForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const f = useDraftForm({ draftName: `follow-up:${caseId}`, load: blankFollowUpForm, check: (form) => checkFollowUpForm(caseId, form) });
  if (!f.form) return null;
  const { form, set, errorOf } = f;
  const submit = () =>
    f.submit(async (input) => {
      toastSaved(await saveFollowUp(input));
      f.startOver();
      onSaved();
      return true;
    });
  return (
    <View className='follow-up-form'>
      <Text className='field__label'>记录一次回访</Text>
      <Field label='回访日期' required error={errorOf('date')}>
        <DateField id='follow-up-date' value={form.date} onChange={(v) => set('date', v)} />
      </Field>
      <Field label='回访方式' required error={errorOf('way')}>
        <ChoiceChips options={FOLLOW_UP_WAYS} value={form.way} onChange={(v) => set('way', v)} />
      </Field>
      <Field label='履行情况' required error={errorOf('performance')}>
        <ChoiceChips options={PERFORMANCES} value={form.performance} onChange={(v) => set('performance', v)} />
      </Field>
      <TextAreaField
        id='follow-up-note'
        label='回访情况(选填)'
        error={errorOf('note')}
        maxlength={200}
        placeholder='如:电话联系双方,赔偿款已于上周付清'
        value={form.note}
        onChange={(v) => set('note', v)}
      />
      {f.fault ? <FaultNotice message={f.fault} onRetry={() => void f.retrySave()} busy={f.saving} /> : null}
      <SubmitButton id='save-follow-up' busy={f.saving} onClick={submit}>保存回访</SubmitButton>
    </View>
  );
}

function ConfirmationEditor({ d, onSaved }: { d: Dispute; onSaved: () => void }) {
  const [form, setForm] = useState<ConfirmationForm>(() => confirmationForm(d));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const checked = checkConfirmationForm(d._id, form);
  const errorOf = (k: keyof ConfirmationForm) => (tried && !checked.ok ? checked.errors[k] : undefined);
  const set = (patch: Partial<ConfirmationForm>) => setForm((f) => ({ ...f, ...patch }));

  const save = async () => {
    setTried(true);
    if (!checked.ok) return void Taro.showToast({ title: '请检查标红的项', icon: 'none' });
    setSaving(true);
    try {
      toastSaved(await saveConfirmation(checked.input));
      setTried(false);
      onSaved();
    } catch (err) {
      toastError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View id='confirmation-editor'>
      <ChoiceChips options={CONFIRMATION_STATUSES} value={form.status} onChange={(v) => set({ status: v as ConfirmationStatus })} />
      {form.status !== '未申请' ? (
        <Field label='申请日期' required error={errorOf('appliedDate')}>
          <DateField id='confirmation-applied' value={form.appliedDate} onChange={(v) => set({ appliedDate: v })} />
        </Field>
      ) : (
        <Text className='muted'>书面协议可在调结后30日内由双方共同向人民法院申请司法确认。</Text>
      )}
      {isDecided(form.status) ? (
        <Field label={form.status === '已确认' ? '确认日期' : '裁定日期'} required error={errorOf('decidedDate')}>
          <DateField id='confirmation-decided' value={form.decidedDate} onChange={(v) => set({ decidedDate: v })} />
        </Field>
      ) : null}
      <SubmitButton id='save-confirmation' busy={saving} onClick={save}>保存司法确认</SubmitButton>
    </View>
  );
}
