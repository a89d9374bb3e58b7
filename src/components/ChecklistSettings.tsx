import { Text, View } from '@tarojs/components';
import { CHECKLIST_ITEMS } from '../../types/file-review';
import { toggledChecklist } from '../services/settings';
import { ToggleChips } from './ToggleChips';

/** 区级设置's 案卷评查 card: which items a supervisor checks each case file for. */
export function ChecklistSettings({ value, canEdit, onChange }: { value: string[]; canEdit: boolean; onChange: (list: string[]) => void }) {
  return (
    <View className='card' id='review-checklist'>
      <Text className='section-title'>案卷评查项目</Text>
      <Text className='muted'>主管评查案卷时逐项核对,案件页显示每项有无。</Text>
      {canEdit ? (
        <ToggleChips options={CHECKLIST_ITEMS} on={value} onToggle={(item) => onChange(toggledChecklist(value, item))} />
      ) : (
        <Text>{value.length ? value.join('、') : '未设置评查项目'}</Text>
      )}
    </View>
  );
}
