import { createApi, type Transport } from '../../../shared/contract/createApi';
import { httpTransport } from './httpTransport';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser on the headless host. */
    dialwellBridge?: Transport;
  }
}

export const api = createApi(window.dialwellBridge ?? httpTransport());
