import { jest } from '@jest/globals';
import { RequestTimeoutError } from '../../src/common/errors/domain-error.js';
import { RequestDeadline } from '../../src/common/security/request-timeout.js';

describe('RequestDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const deadline = () => {
    const answers: RequestTimeoutError[] = [];
    return { d: new RequestDeadline(100, (e) => answers.push(e)), answers };
  };

  it('lets statements run until the time is up, then answers once and refuses every later one', () => {
    const { d, answers } = deadline();
    jest.advanceTimersByTime(99);
    expect(() => d.check()).not.toThrow();
    jest.advanceTimersByTime(1);
    expect(answers).toHaveLength(1);
    expect(answers[0].details).toMatchObject({ reason: 'REQUEST_TIMEOUT', timeoutMs: 100 });
    expect(() => d.check()).toThrow(RequestTimeoutError);
    expect(() => d.check()).toThrow(RequestTimeoutError);
    expect(answers).toHaveLength(1);
  });

  it('gives an operation that asks for it more time in all (never less), counted from the start', () => {
    const { d, answers } = deadline();
    jest.advanceTimersByTime(60);
    d.extendTo(300);
    d.extendTo(50);
    jest.advanceTimersByTime(200);
    expect(() => d.check()).not.toThrow();
    expect(answers).toHaveLength(0);
    jest.advanceTimersByTime(40);
    expect(answers).toHaveLength(1);
    expect(answers[0].details).toMatchObject({ timeoutMs: 300 });
    d.extendTo(1000);
    expect(() => d.check()).toThrow(RequestTimeoutError);
  });

  it('answers at the first statement after the time, even before its timer has run', () => {
    const { d, answers } = deadline();
    jest.setSystemTime(Date.now() + 100);
    expect(() => d.check()).toThrow(RequestTimeoutError);
    expect(answers).toHaveLength(1);
    jest.runAllTimers();
    expect(answers).toHaveLength(1);
  });

  it('waits for a COMMIT under way: once it succeeds the request is answered normally', () => {
    const { d, answers } = deadline();
    d.check();
    d.commitStarted();
    jest.advanceTimersByTime(500);
    expect(answers).toHaveLength(0);
    d.commitEnded(true);
    expect(answers).toHaveLength(0);
    expect(() => d.check()).not.toThrow();
  });

  it('answers when a COMMIT under way at the time fails', () => {
    const { d, answers } = deadline();
    d.commitStarted();
    jest.advanceTimersByTime(500);
    d.commitEnded(false);
    expect(answers).toHaveLength(1);
    expect(() => d.check()).toThrow(RequestTimeoutError);
  });

  it('stops timing once the request is answered', () => {
    const { d, answers } = deadline();
    d.settle();
    jest.advanceTimersByTime(500);
    expect(answers).toHaveLength(0);
    expect(() => d.check()).not.toThrow();
  });
});
