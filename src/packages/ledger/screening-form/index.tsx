import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { RECORDERS } from '../../../../types/org';
import { DateField } from '../../../components/DateField';
import { DraftNotice } from '../../../components/DraftNotice';
import { FaultNotice } from '../../../components/FaultNotice';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { SubmitButton } from '../../../components/SubmitButton';
import { TextAreaField } from '../../../components/TextAreaField';
import { TypedInput } from '../../../components/TypedInput';
import { UnitField } from '../../../components/UnitField';
import { toastSaved, useDraftForm } from '../../../hooks/useDraftForm';
import { useMe } from '../../../hooks/useMe';
import { leaveTo } from '../../../services/navigation';
import { PAGES } from '../../../services/routes';
import { blankScreeningForm, checkScreeningForm, formFromScreening, getScreening, removeScreening, saveScreening } from '../../../services/screening';
import { confirmAndRemove } from '../../../services/toast';
import { unitsFor } from '../../../services/units';

/** 登记排查 (a round: date, disputes found, disputes prevented, a note), or `?id=` to correct one. */
export default function ScreeningFormPage() {
  const editId = useRouter().params.id;
  const me = useMe();
  const f = useDraftForm({
    draftName: editId ? `screening:${editId}` : 'screening:new',
    load: me.data ? () => (editId ? getScreening(editId).then(formFromScreening) : blankScreeningForm(me.data!)) : undefined,
    check: checkScreeningForm,
  });

  if (!me.data || !f.form) {
    return <StateView loading={!me.error && !f.loadError} error={me.error ?? f.loadError} onRetry={me.error ? me.retry : f.retry} />;
  }
  const { form, set, errorOf } = f;

  const submit = () =>
    f.submit(async (input) => {
      toastSaved(await saveScreening(input));
      if (editId) leaveTo(PAGES.screeningList);
      else Taro.redirectTo({ url: PAGES.screeningList });
      return true;
    });

  const remove = () => {
    const version = form.baseVersion;
    if (version) void confirmAndRemove({ title: '删除这次排查?', content: '删除后不再计入统计报表。' }, () => removeScreening({ _id: form.id, version }), PAGES.screeningList);
  };

  return (
    <View className='page form'>
      {f.restored ? <DraftNotice onStartOver={f.startOver} /> : null}
      <UnitField units={unitsFor(me.data, RECORDERS.dispute)} value={form.unitId} onChange={(v) => set('unitId', v)} error={errorOf('unitId')} />
      <Field label='排查日期' required error={errorOf('date')}>
        <DateField id='screening-date' value={form.date} onChange={(v) => set('date', v)} />
      </Field>
      <View className='row'>
        <Field label='发现纠纷(件)' error={errorOf('found')}>
          <TypedInput id='screening-found' kind='integer' placeholder='0' value={form.found} onChange={(v) => set('found', v)} />
        </Field>
        <Field label='预防纠纷(件)' error={errorOf('prevented')}>
          <TypedInput id='screening-prevented' kind='integer' placeholder='0' value={form.prevented} onChange={(v) => set('prevented', v)} />
        </Field>
      </View>
      <TextAreaField
        id='screening-note'
        label='备注(选填)'
        error={errorOf('note')}
        maxlength={200}
        placeholder='如:走访全村12个村民小组,发现邻里纠纷2起,已当场化解1起'
        value={form.note}
        onChange={(v) => set('note', v)}
      />
      {f.fault ? <FaultNotice message={f.fault} onRetry={() => void f.retrySave()} busy={f.saving} /> : null}
      <SubmitButton id='save-screening' busy={f.saving} onClick={submit}>
        {editId ? '保存修改' : '提交'}
      </SubmitButton>
      {editId ? <Button className='btn btn--danger' onClick={remove}>删除</Button> : null}
    </View>
  );
}
