import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { initBackend } from './services/backend';
import { startSync } from './services/sync';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initBackend();
    startSync();
  });
  return children;
}

export default App;
