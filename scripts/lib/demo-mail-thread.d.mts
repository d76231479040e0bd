// Types for demo-mail-thread.mjs, so the TypeScript test suites can send and inspect the demo thread.
export interface InboundAnswer {
  accepted: boolean;
  response: string;
  messageId?: string | null;
  unreachable?: boolean;
}
export const DEMO_CUSTOMER: { name: string; address: string };
export const DEMO_MESSAGE_IDS: string[];
export function demoMailThread(options: { supportAddress: string; now?: Date }): Array<{ envelope: { from: string; to: string[] }; raw: string }>;
export function sendDemoMailThread(options: { port: number; host?: string; supportAddress: string; warn?: (message: string) => void; pauseMs?: number }): Promise<InboundAnswer[]>;
export function gb2312(text: string): Buffer;
export function routerScreenshot(): Buffer;
