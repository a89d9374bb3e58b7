import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CheckinInput, type PersonMatch } from '../../../../types/training';
import { validate } from '../../../../types/validation';
import { Field } from '../../../components/Field';
import { KeyValue } from '../../../components/KeyValue';
import { SameOneOffer } from '../../../components/SameOneOffer';
import { StateView } from '../../../components/StateView';
import { SubmitButton } from '../../../components/SubmitButton';
import { useRemote } from '../../../hooks/useRemote';
import { toastError } from '../../../services/toast';
import { checkin, checkinInfo } from '../../../services/training';
import { TypedInput } from '../../../components/TypedInput';
import { UnitField } from '../../../components/UnitField';

/**
 * Self check-in, opened by scanning a session's code (`?t=<session>&k=<token>`). Works for
 * someone who is not a user: they give their name, phone and village, and are found on the
 * area's roster or added to it at their village, and recorded once. An entry that is only
 * likely them (a mistyped phone) is asked about first.
 */
export default function CheckinPage() {
  const { t = '', k = '' } = useRouter().params;
  const info = useRemote(() => checkinInfo(t, k), [t, k]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [villageId, setVillageId] = useState('');
  const [match, setMatch] = useState<PersonMatch>();
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string>();

  if (!info.data) return <StateView loading={info.loading} error={info.error} onRetry={info.retry} />;
  const villages = info.data.villages;
  // With one village there is nothing to choose (UnitField shows no choice): it is theirs.
  const village = villageId || (villages.length === 1 ? villages[0]._id : '');
  const checked = validate(CheckinInput, { trainingId: t, token: k, name, phone, ...(village ? { villageId: village } : {}) });
  // The village is asked of everyone (a newcomer joins there), so it is checked here with the rest.
  const villageError = villages.length && !village ? '请选择您所在的村(社区)' : undefined;
  const errorOf = (key: string) => (tried && !checked.ok ? checked.fields[key] : undefined);
  const edit = (set: (v: string) => void) => (v: string) => {
    setMatch(undefined);
    set(v);
  };

  /** `answer`: 是 (the entry offered) or 否 (a new entry), once asked. */
  const submit = async (answer?: { sameAs: string } | { confirmNew: true }) => {
    setTried(true);
    if (!checked.ok || villageError) return;
    setSaving(true);
    try {
      const r = await checkin({ ...checked.output, ...answer });
      if (r.kind === 'match') setMatch(r.match);
      else setDone(`签到成功:${r.name}`);
    } catch (err) {
      toastError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page form'>
      <View className='card'>
        <Text className='case__type'>{info.data.topic}</Text>
        <KeyValue k='培训类别' v={info.data.category} />
        <KeyValue k='日期' v={info.data.date} />
        <KeyValue k='单位' v={info.data.unitName} />
      </View>
      {done ? (
        <View id='checkin-done' className='card done'>
          <Text className='done__title'>{done}</Text>
          <Text className='muted'>感谢参加培训。再次扫码不会重复签到。</Text>
        </View>
      ) : (
        <View>
          <Field label='姓名' required error={errorOf('name')}>
            <Input id='checkin-name' className='input' value={name} onInput={(e) => edit(setName)(e.detail.value)} />
          </Field>
          <Field label='手机号' required error={errorOf('phone')} hint='用于在名册中找到您,不会公开显示'>
            <TypedInput id='checkin-phone' kind='phone' value={phone} onChange={edit(setPhone)} />
          </Field>
          <UnitField units={villages} label='所在村(社区)' value={village} onChange={edit(setVillageId)} error={tried ? villageError : undefined} />
          {match ? (
            <SameOneOffer match={match} busy={saving} onYes={() => void submit({ sameAs: match._id })} onNo={() => void submit({ confirmNew: true })} />
          ) : (
            <SubmitButton id='checkin-submit' busy={saving} onClick={() => void submit()}>签到</SubmitButton>
          )}
        </View>
      )}
    </View>
  );
}
