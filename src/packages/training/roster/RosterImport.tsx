import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ImportProgress } from '../../../../types/import';
import type { RosterImportResult } from '../../../../types/roster-import';
import { FilePickButton } from '../../../components/FilePickButton';
import { importRosterFile, importStageText, type ImportStage, type PickedFile } from '../../../services/ledger-import';

interface Props {
  /** Where a row without 所属单位 joins the roster: the village shown, else my area. */
  unitId?: string;
  unitName: string;
  /** The roster changed: list it again. */
  onDone: () => void;
}

/**
 * 从Excel导入名册: a 签到-shaped sheet (姓名, 手机号, 所属单位) joins the roster; the answer says how
 * many were added, how many were already on it, and each refused row with its reason.
 */
export function RosterImport({ unitId, unitName, onDone }: Props) {
  const [stage, setStage] = useState<ImportStage>();
  const [progress, setProgress] = useState<ImportProgress>();
  const [result, setResult] = useState<RosterImportResult>();
  const [error, setError] = useState<string>();

  const run = async (file: PickedFile) => {
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await importRosterFile(file, unitId, setStage, setProgress));
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStage(undefined);
      setProgress(undefined);
    }
  };

  return (
    <View className='card'>
      <Text className='field__label'>从Excel导入名册</Text>
      <Text className='muted'>
        第一行为列名:姓名、手机号、所属单位(与签到表相同,培训编号可有可无)。所属单位留空的加入「{unitName}」;已在名册中的人不会重复添加。
      </Text>
      <FilePickButton id='import-roster' inputId='roster-file' busy={!!stage} onFile={run}>
        从Excel导入名册
      </FilePickButton>
      {stage ? <Text id='roster-import-stage'>{importStageText(stage, progress, '名册')}</Text> : null}
      {error ? (
        <View id='roster-import-error' className='state state--error'>
          <Text>{error}</Text>
        </View>
      ) : null}
      {result ? (
        <View id='roster-import-result'>
          <Text id='roster-import-counts' className='section-title'>
            {result.added} 人新增 · {result.matched} 人已在名册 · {result.refused} 行有误
          </Text>
          {result.stopped ? <View className='state state--error'><Text>{result.stopped}</Text></View> : null}
          {result.warnings.map((w) => (
            <View key={w} className='notice'>{w}</View>
          ))}
          {result.errors.map((e) => (
            <View key={e.row} className='notice roster-import-error-row'>
              <Text>第{e.row}行 · {e.column}:{e.reason}</Text>
            </View>
          ))}
          {result.refused > result.errors.length ? <Text className='muted'>另有 {result.refused - result.errors.length} 行有误未列出</Text> : null}
          {result.refused ? <Text className='muted'>改正有误的行后再导入这个文件即可:已在名册的人不会重复添加。</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
