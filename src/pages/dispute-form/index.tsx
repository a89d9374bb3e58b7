import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { AGREEMENT_FORMS, CHANNEL_LABELS, CHANNELS, DISPUTE_TYPES, OUTCOMES } from '../../../types/dispute';
import { ChoiceChips } from '../../components/ChoiceChips';
import { DateField } from '../../components/DateField';
import { DraftNotice } from '../../components/DraftNotice';
import { Field } from '../../components/Field';
import { StateView } from '../../components/StateView';
import { toastSaved } from '../../hooks/useDraftForm';
import { useRemote } from '../../hooks/useRemote';
import { BackendError } from '../../services/backend';
import { blankForm, checkDisputeForm, formFromDispute, preferredFirst, type DisputeForm } from '../../services/dispute-form';
import { clearDraft, loadDraft, saveDraft } from '../../services/drafts';
import { getDispute, saveDispute, whoami } from '../../services/ledger';
import { PAGES } from '../../services/routes';

type Key = keyof DisputeForm;
/** Which form field shows a message the schema reports under another name. */
const SHOWN_AT: Partial<Record<string, Key>> = { amountFen: 'amountYuan' };

/** `?id=` edits a case (also to close an 在办 one), `?copy=` starts a new draft from one; neither: a new case. */
export default function DisputeFormPage() {
  const { id: editId, copy: copyId } = useRouter().params;
  const draftName = editId ? `dispute:${editId}` : 'dispute:new';
  const me = useRemote(whoami);
  const [form, setForm] = useState<DisputeForm>();
  const [restored, setRestored] = useState(false);
  const [privateHidden, setPrivateHidden] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [showPrivate, setShowPrivate] = useState(false);

  useEffect(() => {
    if (!me.data || form) return;
    const draft = copyId ? undefined : loadDraft<DisputeForm>(draftName);
    if (draft) {
      setForm(draft);
      setRestored(true);
    } else if (editId || copyId) {
      getDispute((editId ?? copyId) as string).then(
        (view) => {
          setForm(formFromDispute(view.record, !!copyId));
          setPrivateHidden(!!editId && !view.canSeePrivate);
        },
        (err: Error) => Taro.showToast({ title: err.message, icon: 'none' }),
      );
    } else {
      setForm(blankForm(me.data));
    }
  }, [me.data, form, editId, copyId, draftName]);

  // Kept as the user types: closing the app loses nothing.
  useEffect(() => {
    if (form && touched.size) saveDraft(draftName, form);
  }, [form, touched, draftName]);

  const check = useMemo(() => (form ? checkDisputeForm(form) : undefined), [form]);
  const errors = check && !check.ok ? check.errors : {};

  const set = <K extends Key>(key: K, value: DisputeForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setTouched((t) => new Set(t).add(key));
    setServerErrors({});
  };
  const errorOf = (key: Key): string | undefined => {
    const own = Object.entries(errors).find(([k]) => (SHOWN_AT[k] ?? k) === key)?.[1];
    const shown = submitted || touched.has(key) || (key === 'resolvedDate' && touched.has('acceptedDate'));
    return serverErrors[key] ?? (shown ? own : undefined);
  };

  const submit = async () => {
    if (!check || !check.ok) {
      setSubmitted(true);
      Taro.showToast({ title: '请检查标红的项', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      toastSaved(await saveDispute(check.input));
      clearDraft(draftName);
      if (editId) Taro.navigateBack();
      else Taro.redirectTo({ url: PAGES.myLedger });
    } catch (err) {
      if (err instanceof BackendError && err.error.fields) {
        setServerErrors(
          Object.fromEntries(Object.entries(err.error.fields).map(([k, m]) => [SHOWN_AT[k] ?? k, m])),
        );
      }
      Taro.showToast({ title: (err as Error).message, icon: 'none', duration: 3000 });
    } finally {
      setSaving(false);
    }
  };

  if (!me.data || !form) return <StateView loading={me.loading} error={me.error} onRetry={me.reload} />;
  const units = me.data.units;
  const needsLargeConfirm = errorOf('amountYuan')?.includes('1亿') || form.confirmLargeAmount;

  const startOver = () => {
    clearDraft(draftName);
    setRestored(false);
    setForm(undefined);
    setTouched(new Set());
    setSubmitted(false);
  };

  return (
    <View className='page form'>
      {restored ? <DraftNotice onStartOver={startOver} /> : null}
      {units.length > 1 ? (
        <Field label='单位' required error={errorOf('unitId')}>
          <ChoiceChips
            options={units.map((u) => u._id)}
            labels={Object.fromEntries(units.map((u) => [u._id, u.name]))}
            value={form.unitId}
            onChange={(v) => set('unitId', v)}
          />
        </Field>
      ) : null}
      <Field label='纠纷类型' required error={errorOf('type')}>
        <ChoiceChips options={preferredFirst(DISPUTE_TYPES, me.data.defaults.type)} value={form.type} onChange={(v) => set('type', v)} />
      </Field>
      <Field label='渠道' required error={errorOf('channel')}>
        <ChoiceChips
          options={preferredFirst(CHANNELS, me.data.defaults.channel)}
          labels={CHANNEL_LABELS}
          value={form.channel}
          onChange={(v) => set('channel', v)}
        />
      </Field>
      <Field label='调解结果' required error={errorOf('outcome')}>
        <ChoiceChips options={OUTCOMES} value={form.outcome} onChange={(v) => set('outcome', v)} />
      </Field>
      <Field label='受理日期' required error={errorOf('acceptedDate')}>
        <DateField id='acceptedDate' value={form.acceptedDate} onChange={(v) => set('acceptedDate', v)} />
      </Field>
      {form.outcome !== '在办' ? (
        <Field label='调结日期' required error={errorOf('resolvedDate')}>
          <DateField id='resolvedDate' value={form.resolvedDate} onChange={(v) => set('resolvedDate', v)} />
        </Field>
      ) : null}
      <Field label='涉及金额(元)' error={errorOf('amountYuan')} hint='可填到分,如 12000.50;无金额可不填'>
        <Input
          id='amountYuan'
          className='input'
          type='digit'
          placeholder='0'
          value={form.amountYuan}
          onInput={(e) => set('amountYuan', e.detail.value)}
        />
      </Field>
      {needsLargeConfirm ? (
        <ChoiceChips
          options={['确认金额无误']}
          value={form.confirmLargeAmount ? '确认金额无误' : ''}
          onChange={() => set('confirmLargeAmount', !form.confirmLargeAmount)}
        />
      ) : null}
      <View className='row'>
        <Field label='当事人数' error={errorOf('parties')}>
          <Input id='parties' className='input' type='number' value={form.parties} onInput={(e) => set('parties', e.detail.value)} />
        </Field>
        <Field label='锦旗(面)' error={errorOf('banners')}>
          <Input id='banners' className='input' type='number' value={form.banners} onInput={(e) => set('banners', e.detail.value)} />
        </Field>
      </View>
      <Field label='协议形式' error={errorOf('agreementForm')}>
        <ChoiceChips options={AGREEMENT_FORMS} value={form.agreementForm} onChange={(v) => set('agreementForm', v)} />
      </Field>
      <Field label='简要情况' error={errorOf('summary')}>
        <Textarea
          id='summary'
          className='input textarea'
          maxlength={500}
          placeholder='如:因宅基地边界引发争执,经调解双方达成一致'
          value={form.summary}
          onInput={(e) => set('summary', e.detail.value)}
        />
      </Field>
      {privateHidden ? null : showPrivate || form.partyNames || form.partyPhones ? (
        <View>
          <Field label='当事人姓名(选填)' error={errorOf('partyNames')} hint='个人信息:仅您和上级主管可见,不进入汇总和导出'>
            <Input className='input' value={form.partyNames} onInput={(e) => set('partyNames', e.detail.value)} />
          </Field>
          <Field label='当事人电话(选填)' error={errorOf('partyPhones')}>
            <Input className='input' type='number' value={form.partyPhones} onInput={(e) => set('partyPhones', e.detail.value)} />
          </Field>
        </View>
      ) : (
        <Text className='link' onClick={() => setShowPrivate(true)}>+ 填写当事人姓名和电话(选填)</Text>
      )}
      {/* Taro's H5 button renders disabled="false" as disabled: pass the prop only when true. */}
      <Button className='btn btn--primary' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
        {editId ? '保存修改' : '提交'}
      </Button>
    </View>
  );
}
