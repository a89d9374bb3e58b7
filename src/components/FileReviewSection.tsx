import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { beijingDateTime } from '../../types/dates';
import { REVIEW_RESULTS, type Dispute } from '../../types/dispute';
import { useRemote } from '../hooks/useRemote';
import { checkReview, getFileCheck, reviewFile } from '../services/alerts';
import { toastError } from '../services/toast';
import { ChoiceChips } from './ChoiceChips';
import { Field } from './Field';
import { SubmitButton } from './SubmitButton';
import { TextAreaField } from './TextAreaField';

/**
 * The case page's 案卷评查: the district's checklist on this case (✓ present, ✗ missing), the
 * latest review with its note, and for a supervisor above the unit 合格 / 需补正 with a note.
 */
export function FileReviewSection({ d, onReviewed }: { d: Dispute; onReviewed: () => void }) {
  const view = useRemote(() => getFileCheck(d._id), [d._id, d.version]);
  const [result, setResult] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const v = view.data;
  if (!v || (!v.canReview && !v.review)) return null;

  const save = async () => {
    const checked = checkReview(d, result, note);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      await reviewFile(checked.input);
      Taro.showToast({ title: '已评查', icon: 'success' });
      setResult('');
      setNote('');
      onReviewed();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card form' id='file-review'>
      <Text className='section-title'>案卷评查</Text>
      {v.lines.map((l) => (
        <View key={l.item} className='kv' id={`check-${l.item}`}>
          <Text className='kv__k'>{l.item}</Text>
          <Text className={l.ok ? 'kv__v' : 'kv__v field__error'}>{l.ok ? '✓ 有' : '✗ 缺'}</Text>
        </View>
      ))}
      {v.review ? (
        <View className={v.review.result === '需补正' ? 'notice' : 'kv'} id='file-review-result'>
          <Text>评查结果:{v.review.result}{v.review.note ? `。${v.review.note}` : ''}</Text>
          <Text className='muted'>{v.review.byName} · {beijingDateTime(v.review.at)}</Text>
        </View>
      ) : null}
      {v.canReview ? (
        <View>
          <Field label='评查结论' required error={errors.result}>
            <ChoiceChips options={REVIEW_RESULTS} value={result} onChange={setResult} />
          </Field>
          <TextAreaField id='review-note' label='评查意见' required={result === '需补正'} error={errors.note} hint='需补正时写明缺什么、怎么补' maxlength={200} value={note} onChange={setNote} />
          <SubmitButton busy={busy} onClick={save}>提交评查</SubmitButton>
        </View>
      ) : null}
    </View>
  );
}
