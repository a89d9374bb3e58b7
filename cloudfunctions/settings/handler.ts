/** 区级设置: the district's dispute types, and whether mediators may edit each other's cases. */
import { SettingsInput } from '../../types/settings';
import { saveSettings, settingsView } from '../core/app/settings';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const settings: CloudFunction = {
  get: (_payload, call) => settingsView(call),
  save: (payload, call) => saveSettings(call, parse(SettingsInput, payload)),
};
