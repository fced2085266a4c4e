// A Logger that keeps what it was told, for unit tests and for the bench (which reports later): not
// shipped in the actions, whose only logger is coreLogger.
import type { Logger } from '@ci-kit/runner';

export class RecordingLogger implements Logger {
  readonly messages: Array<{ level: 'info' | 'warning' | 'debug'; message: string }> = [];
  info(message: string): void {
    this.messages.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.messages.push({ level: 'warning', message });
  }
  debug(message: string): void {
    this.messages.push({ level: 'debug', message });
  }
  async group<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  lines(level?: 'info' | 'warning' | 'debug'): string[] {
    return this.messages.filter((m) => !level || m.level === level).map((m) => m.message);
  }
  hasMessage(pattern: RegExp | string, level?: 'info' | 'warning' | 'debug'): boolean {
    return this.lines(level).some((line) =>
      typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line),
    );
  }
}
