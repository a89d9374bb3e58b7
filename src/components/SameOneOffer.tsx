import { Button, Text, View } from '@tarojs/components';
import type { PersonMatch } from '../../types/training';
import { sameOneQuestion } from '../services/person-form';
import { SubmitButton } from './SubmitButton';

interface Props {
  match: PersonMatch;
  busy?: boolean;
  /** 是: the entry offered is this person. */
  onYes: () => void;
  /** 否: another person of that name or phone; a new entry is made. */
  onNo: () => void;
}

/** '名册中已有:刘明白 138****8001(前进村),是同一人吗?' with 是 / 否: nobody is added twice without saying so. */
export function SameOneOffer({ match, busy, onYes, onNo }: Props) {
  return (
    <View id='same-one-offer' className='notice duplicate'>
      <Text className='duplicate__text'>{sameOneQuestion(match)}</Text>
      <View className='actions'>
        <SubmitButton id='same-one-yes' busy={busy} onClick={onYes}>是,就是此人</SubmitButton>
        <Button id='same-one-no' className='btn btn--plain' disabled={busy || undefined} onClick={onNo}>否,新建一条</Button>
      </View>
    </View>
  );
}
