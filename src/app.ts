import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { initBackend } from './services/backend';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(initBackend);
  return children;
}

export default App;
