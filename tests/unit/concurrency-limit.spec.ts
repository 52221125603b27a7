import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { concurrencyLimit } from '../../src/common/security/concurrency-limit.js';

/** A fake response: `finish` when answered, `close` when the client goes away. */
const response = () => new EventEmitter() as unknown as Response & EventEmitter;

describe('concurrencyLimit', () => {
  it('runs at most max requests at once, the rest in arrival order as others finish', () => {
    const limit = concurrencyLimit(3);
    const started: number[] = [];
    const responses = Array.from({ length: 10 }, () => response());
    responses.forEach((res, i) => limit({} as Request, res, (() => started.push(i)) as NextFunction));
    expect(started).toEqual([0, 1, 2]);
    expect([limit.running, limit.waiting]).toEqual([3, 7]);
    responses[1]!.emit('finish');
    responses[1]!.emit('close'); // both events for one response release one place only
    expect(started).toEqual([0, 1, 2, 3]);
    expect([limit.running, limit.waiting]).toEqual([3, 6]);
    for (const i of [0, 2, 3, 4, 5, 6, 7, 8, 9]) responses[i]!.emit('finish');
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });

  it('drops a request from the queue when its client goes away, and never starts it', () => {
    const limit = concurrencyLimit(1);
    const started: string[] = [];
    const [a, b, c] = [response(), response(), response()];
    limit({} as Request, a, (() => started.push('a')) as NextFunction);
    limit({} as Request, b, (() => started.push('b')) as NextFunction);
    limit({} as Request, c, (() => started.push('c')) as NextFunction);
    b.emit('close');
    expect(limit.waiting).toBe(1);
    a.emit('finish');
    expect(started).toEqual(['a', 'c']);
    c.emit('finish');
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });

  it('lets everything through at once when the limit is 0', () => {
    const limit = concurrencyLimit(0);
    let started = 0;
    for (let i = 0; i < 50; i++) limit({} as Request, response(), (() => started++) as NextFunction);
    expect(started).toBe(50);
  });
});
