import { Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { SESSION_DAYS_AHEAD, TRAINING_CATEGORIES } from '../../../../types/training';
import { RECORDERS } from '../../../../types/org';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { DateField } from '../../../components/DateField';
import { DraftNotice } from '../../../components/DraftNotice';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { UnitField } from '../../../components/UnitField';
import { FaultNotice } from '../../../components/FaultNotice';
import { SubmitButton } from '../../../components/SubmitButton';
import { toastSaved, useDraftForm } from '../../../hooks/useDraftForm';
import { useMe } from '../../../hooks/useMe';
import { PAGES } from '../../../services/routes';
import { getTraining, saveTraining } from '../../../services/training';
import { blankTrainingForm, checkTrainingForm, formFromTraining } from '../../../services/training-form';
import { unitsFor } from '../../../services/units';
import { leaveTo } from '../../../services/navigation';
import { TypedInput } from '../../../components/TypedInput';

/** 新建培训, or `?id=` to edit one. A new session opens its attendance page once saved. */
export default function TrainingFormPage() {
  const editId = useRouter().params.id;
  const me = useMe();
  const f = useDraftForm({
    draftName: editId ? `training:${editId}` : 'training:new',
    load: me.data ? () => (editId ? getTraining(editId).then((v) => formFromTraining(v.training)) : blankTrainingForm(me.data!)) : undefined,
    check: checkTrainingForm,
  });

  if (!me.data || !f.form) {
    return <StateView loading={!me.error && !f.loadError} error={me.error ?? f.loadError} onRetry={me.error ? me.retry : f.retry} />;
  }
  const { form, set, errorOf } = f;
  const units = unitsFor(me.data, RECORDERS.training);

  const submit = () =>
    f.submit(async (input) => {
      const result = await saveTraining(input);
      toastSaved(result);
      if (editId) leaveTo(`${PAGES.trainingSession}?id=${input.id}`);
      else if (result.outcome === 'sent') Taro.redirectTo({ url: `${PAGES.trainingSession}?id=${input.id}` });
      else Taro.redirectTo({ url: PAGES.trainingList });
      return true;
    });

  return (
    <View className='page form'>
      {f.restored ? <DraftNotice onStartOver={f.startOver} /> : null}
      <Field label='培训类别' required error={errorOf('category')}>
        <ChoiceChips options={TRAINING_CATEGORIES} value={form.category} onChange={(v) => set('category', v)} />
      </Field>
      <UnitField units={units} value={form.unitId} onChange={(v) => set('unitId', v)} error={errorOf('unitId')} />
      <Field label='培训日期' required error={errorOf('date')}>
        <DateField id='date' value={form.date} onChange={(v) => set('date', v)} ahead={SESSION_DAYS_AHEAD} />
      </Field>
      <Field label='培训主题' required error={errorOf('topic')}>
        <Input id='topic' className='input' placeholder='如:民法典婚姻家庭编解读' value={form.topic} onInput={(e) => set('topic', e.detail.value)} />
      </Field>
      <Field label='培训人' error={errorOf('trainer')}>
        <Input id='trainer' className='input' value={form.trainer} onInput={(e) => set('trainer', e.detail.value)} />
      </Field>
      <Field label='地点' error={errorOf('place')}>
        <Input id='place' className='input' placeholder='如:镇司法所会议室' value={form.place} onInput={(e) => set('place', e.detail.value)} />
      </Field>
      <Field label='学时' error={errorOf('hours')} hint='可填小数,如 1.5'>
        <TypedInput id='hours' kind='decimal' placeholder='0' value={form.hours} onChange={(v) => set('hours', v)} />
      </Field>
      {f.fault ? <FaultNotice message={f.fault} onRetry={() => void f.retrySave()} busy={f.saving} /> : null}
      <SubmitButton id='save-training' busy={f.saving} onClick={submit}>
        {editId ? '保存修改' : '保存并开始签到'}
      </SubmitButton>
    </View>
  );
}
