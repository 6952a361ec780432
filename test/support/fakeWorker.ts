/**
 * A Web Worker stand-in for Node tests of the page's worker clients: the API that the real worker would
 * expose sits behind a MessageChannel and is driven through comlink, as in the browser.
 */
import { expose } from 'comlink';

/** Enough of a Web Worker for the page's clients: messages over a MessageChannel, error events, terminate. */
export class FakeWorker<Api extends object = object> {
  private readonly channel = new MessageChannel();
  private readonly errorListeners: ((event: { message: string; preventDefault(): void }) => void)[] = [];
  terminated = false;

  constructor(api: Api) {
    expose(api, this.channel.port1);
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    if (type === 'message') this.channel.port2.addEventListener('message', listener as never);
    if (type === 'error') this.errorListeners.push(listener as never);
  }

  removeEventListener(type: string, listener: (event: never) => void): void {
    if (type === 'message') this.channel.port2.removeEventListener('message', listener as never);
  }

  start(): void {
    this.channel.port2.start();
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.channel.port2.postMessage(message, transfer ?? []);
  }

  /** As a worker reports an uncaught error. */
  fail(message: string): void {
    for (const listener of this.errorListeners) listener({ message, preventDefault: () => undefined });
  }

  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
}
