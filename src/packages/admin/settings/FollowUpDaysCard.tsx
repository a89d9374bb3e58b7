import { Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { TypedInput } from '../../../components/TypedInput';

interface Props {
  canEdit: boolean;
  /** As saved. */
  saved: number;
  /** As typed. */
  value: string;
  onChange: (value: string) => void;
}

/** 区级设置's 回访期限: how many days after 调结 a 调解成功 case's 回访 falls due. */
export function FollowUpDaysCard({ canEdit, saved, value, onChange }: Props) {
  return (
    <View className='card'>
      <Text className='section-title'>回访期限</Text>
      <Text className='muted'>调解成功的案件在调结后多少天内回访;到期未回访的,首页显示为“待回访”。修改后,此后结案或修改的案件按新期限计算。</Text>
      {canEdit ? (
        <Field label='调结后几天(1–365)'>
          <TypedInput id='follow-up-days' kind='integer' maxlength={3} value={value} onChange={onChange} />
        </Field>
      ) : (
        <Text>调结后{saved}天</Text>
      )}
    </View>
  );
}
