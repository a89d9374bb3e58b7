import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AGREEMENT_FORMS, ALERTS, CHANNEL_LABELS, CHANNELS, OUTCOMES, PREVENTIONS, SOURCES, type DisputeInput, type Prevention } from '../../../types/dispute';
import { RECORDERS } from '../../../types/org';
import { ChoiceChips } from '../../components/ChoiceChips';
import { DateField } from '../../components/DateField';
import { DraftNotice } from '../../components/DraftNotice';
import { Field } from '../../components/Field';
import { StateView } from '../../components/StateView';
import { UnitField } from '../../components/UnitField';
import { FaultNotice } from '../../components/FaultNotice';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { toastSaved, useDraftForm } from '../../hooks/useDraftForm';
import { useMe } from '../../hooks/useMe';
import {
  agreementFormFor, asksAgreementForm, asksInvolvedPeople, asksResolvedDate, blankForm, checkDisputeForm, formFromDispute, formFromInput, hasStatisticsFields,
  isPrevented, needsLargeConfirm, preventedKinds, preventionField, shownSource, toggledAlerts, typeOptions, type DisputeForm,
} from '../../services/dispute-form';
import { clearDraft } from '../../services/drafts';
import { getDispute, saveDispute, whoami } from '../../services/ledger';
import { leaveTo } from '../../services/navigation';
import { PAGES } from '../../services/routes';
import { discardAfterAsking, refusedWrite } from '../../services/sync';
import { unitsFor } from '../../services/units';
import { TypedInput } from '../../components/TypedInput';
import { ToggleChips } from '../../components/ToggleChips';
import { AgreementFields } from '../../components/AgreementFields';

/**
 * `?id=` edits a case (also to close an 在办 one), `?copy=` starts a new draft from one,
 * `?refused=` reopens a case the back end refused from the outbox (it stays there until this
 * form saves it or the user gives it up); none: a new case.
 */
export default function DisputeFormPage() {
  const { id: editId, copy: copyId, refused: refusedId } = useRouter().params;
  const me = useMe();
  const [privateHidden, setPrivateHidden] = useState(false);
  const [showPrivate, setShowPrivate] = useState(false);
  const [showStatistics, setShowStatistics] = useState(false);
  const [overtaken, setOvertaken] = useState(false);
  const load = useCallback(async (): Promise<DisputeForm> => {
    if (refusedId) {
      const w = refusedWrite('dispute', refusedId);
      if (!w) throw new Error('这条记录已不在待上传中(已上传或已放弃)');
      const form = formFromInput(w.payload as DisputeInput);
      if (!form.baseVersion) return form;
      // An edit: someone may have saved the case since it was made (whatever it was refused for).
      // Submitting it then knowingly puts it over theirs (theirs stays in 修改记录); left on its
      // old version it would be refused as stale forever.
      const current = (await getDispute(refusedId)).record.version;
      setOvertaken(current !== form.baseVersion);
      return { ...form, baseVersion: current };
    }
    const source = editId ?? copyId;
    if (!source) return blankForm(await whoami());
    const view = await getDispute(source);
    const hidden = !!editId && !view.canSeePrivate;
    setPrivateHidden(hidden);
    // This viewer got the parties masked; the function keeps the stored ones, so they are not sent back.
    return formFromDispute(hidden ? { ...view.record, partyNames: undefined, partyPhones: undefined } : view.record, !!copyId);
  }, [editId, copyId, refusedId]);
  const draftName = editId ? `dispute:${editId}` : copyId ? `dispute:copy:${copyId}` : refusedId ? `dispute:refused:${refusedId}` : 'dispute:new';
  const f = useDraftForm({
    draftName,
    load,
    check: checkDisputeForm,
    shownAt: { amountFen: 'amountYuan' },
    reveals: { acceptedDate: 'resolvedDate' },
  });
  const { form, set, errorOf } = f;
  // Set on both: the browser build keeps the bar's title from the last edit for every new case after it.
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: editId ? '修改案件' : '登记纠纷' });
  }, [editId]);

  const submit = () =>
    f.submit(async (input) => {
      toastSaved(await saveDispute(input));
      if (editId) leaveTo(`${PAGES.disputeDetail}?id=${editId}`);
      else Taro.redirectTo({ url: PAGES.myLedger });
      return true;
    });

  if (!me.data || !form) {
    return <StateView loading={me.loading || !f.loadError} error={me.error ?? f.loadError} onRetry={f.loadError ? f.retry : me.retry} />;
  }
  const units = unitsFor(me.data, RECORDERS.dispute);
  const refused = refusedId ? refusedWrite('dispute', refusedId) : undefined;
  const giveUp = async () => {
    if (!refused || !(await discardAfterAsking(refused))) return;
    clearDraft(draftName);
    leaveTo(PAGES.myLedger);
  };
  // Off keeps nothing: a flag switched off again sends no people.
  const togglePrevention = (kind: Prevention) => set(preventionField(kind), isPrevented(form, kind) ? undefined : '');

  return (
    <View className='page form'>
      {refused ? (
        <View id='refused-notice' className='notice'>
          <Text>
            {refused.refused?.code === 'STALE' ? '' : `这条记录未能上传:${refused.refused?.message}。`}
            {overtaken
              ? '这起案件在您的修改上传前已被他人修改。下面是您的修改,点“提交”将以此为准(对方的修改可在修改记录中查看)。'
              : '请修改后点“提交”。'}
          </Text>
        </View>
      ) : null}
      {f.restored ? <DraftNotice onStartOver={f.startOver} /> : null}
      <UnitField units={units} value={form.unitId} onChange={(v) => set('unitId', v)} error={errorOf('unitId')} />
      <Field label='纠纷类型' required error={errorOf('type')}>
        <ChoiceChips options={typeOptions(me.data, form.type)} value={form.type} onChange={(v) => set('type', v)} />
      </Field>
      <Field label='渠道' required error={errorOf('channel')}>
        <ChoiceChips
          options={CHANNELS}
          labels={CHANNEL_LABELS}
          value={form.channel}
          onChange={(v) => set('channel', v)}
        />
      </Field>
      <Field label='调解结果' required error={errorOf('outcome')}>
        <ChoiceChips
          options={OUTCOMES}
          value={form.outcome}
          onChange={(v) => {
            set('outcome', v);
            set('agreementForm', agreementFormFor(form, v));
          }}
        />
      </Field>
      <Field label='受理日期' required error={errorOf('acceptedDate')}>
        <DateField id='acceptedDate' value={form.acceptedDate} onChange={(v) => set('acceptedDate', v)} />
      </Field>
      {asksResolvedDate(form) ? (
        <Field label='调结日期' required error={errorOf('resolvedDate')}>
          <DateField id='resolvedDate' value={form.resolvedDate} onChange={(v) => set('resolvedDate', v)} />
        </Field>
      ) : null}
      <Field label='涉及金额(元)' error={errorOf('amountYuan')} hint='可填到分,如 12000.50;无金额可不填'>
        <TypedInput id='amountYuan' kind='decimal' placeholder='0' value={form.amountYuan} onChange={(v) => set('amountYuan', v)} />
      </Field>
      {needsLargeConfirm(form) ? (
        <ChoiceChips
          options={['确认金额无误']}
          value={form.confirmLargeAmount ? '确认金额无误' : ''}
          onChange={() => set('confirmLargeAmount', !form.confirmLargeAmount)}
        />
      ) : null}
      <View className='row'>
        <Field label='当事人数' error={errorOf('parties')}>
          <TypedInput id='parties' kind='integer' value={form.parties} onChange={(v) => set('parties', v)} />
        </Field>
        <Field label='锦旗(面)' error={errorOf('banners')}>
          <TypedInput id='banners' kind='integer' value={form.banners} onChange={(v) => set('banners', v)} />
        </Field>
      </View>
      {asksAgreementForm(form) ? (
        <Field label='协议形式' error={errorOf('agreementForm')}>
          <ChoiceChips options={AGREEMENT_FORMS} value={form.agreementForm} onChange={(v) => set('agreementForm', v)} />
        </Field>
      ) : null}
      {asksAgreementForm(form) ? <AgreementFields form={form} set={set} errorOf={errorOf} termsLocked={privateHidden} /> : null}
      <TextAreaField
        id='summary'
        label='简要情况'
        error={errorOf('summary')}
        hint={privateHidden ? '含当事人信息,只有登记人可以修改' : undefined}
        disabled={privateHidden}
        maxlength={500}
        placeholder='如:因宅基地边界引发争执,经调解双方达成一致'
        value={form.summary}
        onChange={(v) => set('summary', v)}
      />
      {privateHidden ? null : showPrivate || form.partyNames || form.partyPhones ? (
        <View>
          <Field label='当事人姓名(选填)' error={errorOf('partyNames')} hint='个人信息:仅您和上级主管可见,不进入汇总和导出'>
            <Input id='partyNames' className='input' value={form.partyNames} onInput={(e) => set('partyNames', e.detail.value)} />
          </Field>
          <Field label='当事人电话(选填)' error={errorOf('partyPhones')} hint='多个号码用顿号隔开,如 13800138000、0371-2345678'>
            <Input id='partyPhones' className='input' value={form.partyPhones} onInput={(e) => set('partyPhones', e.detail.value)} />
          </Field>
        </View>
      ) : (
        <Text className='link' onClick={() => setShowPrivate(true)}>+ 填写当事人姓名和电话(选填)</Text>
      )}
      <Field label='重大标记(可多选)' error={errorOf('alerts')} hint='标记后立即通知乡镇、区级主管'>
        <ToggleChips options={ALERTS} on={form.alerts ?? []} onToggle={(a) => set('alerts', toggledAlerts(form, a))} />
      </Field>
      {showStatistics || hasStatisticsFields(form) ? (
        <View id='statistics-fields'>
          <Text className='section-title'>更多信息(统计用)</Text>
          <Field label='来源' error={errorOf('source')} hint={form.source ? undefined : '未选时按渠道:诉调为接受委托移送,其余为申请调解'}>
            <ChoiceChips options={SOURCES} value={shownSource(form)} onChange={(v) => set('source', v)} />
          </Field>
          <Field label='涉及人数' required={asksInvolvedPeople(form)} error={errorOf('involvedPeople')} hint='群体性纠纷填写;其他可不填'>
            <TypedInput id='involvedPeople' kind='integer' value={form.involvedPeople ?? ''} onChange={(v) => set('involvedPeople', v)} />
          </Field>
          <Field label='防止情况(可多选)'>
            <ToggleChips options={PREVENTIONS} on={preventedKinds(form)} onToggle={(k) => togglePrevention(k as Prevention)} />
          </Field>
          {preventedKinds(form).map((k) => (
            <Field key={k} label={`${k}人数`} required error={errorOf(preventionField(k))}>
              <TypedInput id={`people-${k}`} kind='integer' value={form[preventionField(k)] ?? ''} onChange={(v) => set(preventionField(k), v)} />
            </Field>
          ))}
        </View>
      ) : (
        <Text className='link' onClick={() => setShowStatistics(true)}>+ 更多信息(统计用):来源、防止情况、涉及人数</Text>
      )}
      {f.fault ? <FaultNotice message={f.fault} onRetry={() => void f.retrySave()} busy={f.saving} /> : null}
      <SubmitButton busy={f.saving} onClick={submit}>
        {editId ? '保存修改' : '提交'}
      </SubmitButton>
      {refused ? <Button className='btn btn--danger' onClick={giveUp}>放弃这条记录</Button> : null}
    </View>
  );
}
