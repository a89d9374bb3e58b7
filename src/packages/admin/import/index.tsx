import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COLUMNS, SHEETS, type ImportProgress, type ImportResult } from '../../../../types/import';
import { FilePickButton } from '../../../components/FilePickButton';
import { downloadRejected, importLedgerFile, importStageText, type ImportStage, type PickedFile } from '../../../services/ledger-import';
import { alertError } from '../../../services/toast';
import './index.css';

const COUNTS = [
  ['created', '新增'],
  ['updated', '更新'],
  ['unchanged', '未变'],
  ['rejected', '未导入'],
] as const;

/**
 * 导入台账: an admin or supervisor picks a ledger workbook (WeChat: from a chat; browser: from
 * disk), it is uploaded and imported, and the page shows what became of each sheet and which
 * rows were not imported, with those rows as a workbook to fix and import again.
 */
export default function ImportPage() {
  const [stage, setStage] = useState<ImportStage>();
  const [progress, setProgress] = useState<ImportProgress>();
  const [result, setResult] = useState<{ name: string; data: ImportResult }>();
  const [error, setError] = useState<string>();
  const [downloading, setDownloading] = useState(false);

  const run = async (file: PickedFile) => {
    setError(undefined);
    setResult(undefined);
    try {
      setResult({ name: file.name, data: await importLedgerFile(file, setStage, setProgress) });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStage(undefined);
      setProgress(undefined);
    }
  };

  const download = async (file: NonNullable<ImportResult['rejectedFile']>) => {
    setDownloading(true);
    try {
      await downloadRejected(file);
    } catch (err) {
      alertError('下载失败', err);
    } finally {
      setDownloading(false);
    }
  };

  const r = result?.data;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='field__label'>导入 Excel 台账</Text>
        <Text className='muted'>
          一个工作簿(.xlsx),工作表名为 {SHEETS.join('、')}(可只含其中几张),第一行为列名。同一编号再次导入不会重复;内容有变化的会更新。
        </Text>
        {SHEETS.map((sheet) => (
          <Text key={sheet} className='sheet-help'>
            <Text className='sheet-help__name'>{sheet}:</Text>
            {COLUMNS[sheet].join('、')}
          </Text>
        ))}
      </View>

      <FilePickButton id='pick-ledger' inputId='ledger-file' busy={!!stage} onFile={run}>
        {process.env.TARO_ENV === 'h5' ? '选择文件并导入' : '从聊天中选择 Excel 文件并导入'}
      </FilePickButton>

      {stage ? (
        <View className='card import-progress'>
          <Text id='import-stage'>{importStageText(stage, progress)}</Text>
          {progress?.total && progress.done !== undefined ? (
            <View className='bars__track import-progress__bar'>
              <View className='bars__bar' style={{ width: `${Math.min(100, (progress.done / progress.total) * 100)}%` }} />
            </View>
          ) : null}
          {stage === 'importing' ? <Text className='muted'>请勿离开本页,上万行的台账需要一两分钟</Text> : null}
        </View>
      ) : null}
      {error ? (
        <View id='import-error' className='state state--error'>
          <Text>{error}</Text>
        </View>
      ) : null}

      {r ? (
        <View id='import-result'>
          <Text className='section-title'>导入结果 · {result.name}</Text>
          <View className='card summary-table'>
            <View className='summary-row summary-row--head'>
              <Text className='summary-row__sheet'>工作表</Text>
              {COUNTS.map(([, label]) => (
                <Text key={label} className='summary-row__n'>{label}</Text>
              ))}
            </View>
            {r.sheets.map((s) => (
              <View key={s.sheet} id={`sheet-${s.sheet}`} className='summary-row'>
                <Text className='summary-row__sheet'>{s.sheet}</Text>
                {COUNTS.map(([key]) => (
                  <Text key={key} className={`summary-row__n ${key === 'rejected' && s[key] ? 'summary-row__n--bad' : ''}`}>{s[key]}</Text>
                ))}
              </View>
            ))}
          </View>
          {r.stopped ? <View id='import-stopped' className='state state--error'><Text>{r.stopped}</Text></View> : null}
          {r.peopleAdded ? <Text className='muted'>签到中新加入名册 {r.peopleAdded} 人</Text> : null}
          {r.warnings.map((w) => (
            <View key={w} className='notice'>{w}</View>
          ))}

          {r.rejectedTotal ? (
            <View>
              <Text id='rejected-title' className='section-title'>
                未导入的行:共 {r.rejectedTotal} 行{r.errors.length < r.rejectedTotal ? `(下面列出前 ${r.errors.length} 行)` : ''}
              </Text>
              <View className='card'>
                {r.errors.map((e) => (
                  <View key={`${e.sheet}-${e.row}`} className='rejected-row'>
                    <Text className='rejected-row__where'>{e.sheet} 第{e.row}行 · {e.column}</Text>
                    <Text>{e.reason}</Text>
                  </View>
                ))}
              </View>
              {r.rejectedFile ? (
                <Button
                  id='download-rejected'
                  className='btn btn--plain'
                  // Taro's H5 button reads disabled={false} as disabled: only passed when true.
                  loading={downloading || undefined}
                  disabled={downloading || undefined}
                  onClick={() => download(r.rejectedFile!)}
                >
                  下载未导入的行(Excel)
                </Button>
              ) : null}
              <Text className='muted'>改正后再导入这个文件即可,最后一列“错误原因”会被忽略。</Text>
            </View>
          ) : (
            <Text id='import-all-good' className='muted'>所有行都已导入。</Text>
          )}
        </View>
      ) : null}
    </View>
  );
}
