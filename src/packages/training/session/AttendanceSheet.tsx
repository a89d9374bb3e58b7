import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ExportFormat } from '../../../../types/report';
import { openAttendanceSheet } from '../../../services/attendance-sheet';
import { alertError } from '../../../services/toast';

const BUTTONS: [ExportFormat, string][] = [['xlsx', '下载 Excel'], ['docx', '打印版 Word']];

/** 签到表: the session's roster with its ticks, as a workbook or a page to print and sign. */
export function AttendanceSheet({ trainingId }: { trainingId: string }) {
  const [busy, setBusy] = useState<ExportFormat>();

  const open = async (format: ExportFormat) => {
    setBusy(format);
    try {
      await openAttendanceSheet(trainingId, format);
    } catch (err) {
      alertError('签到表生成失败', err);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <View id='attendance-sheet' className='card'>
      <Text className='section-title'>签到表</Text>
      <View className='actions'>
        {BUTTONS.map(([format, label]) => (
          <Button
            key={format}
            id={`attendance-sheet-${format}`}
            className='btn btn--plain'
            // Set only when true: on h5 a false `disabled` still renders the attribute, styled as disabled.
            disabled={busy ? true : undefined}
            onClick={() => open(format)}
          >
            {busy === format ? '正在生成…' : label}
          </Button>
        ))}
      </View>
      <Text className='muted'>名册中每人一行,已签到的注明(尚待上传的签到不在其中);手机号中间四位隐去。</Text>
    </View>
  );
}
