/** Picks the pub/sub from REDIS_URL: Redis when set, in-process otherwise. */
import type { Logger } from 'pino';
import type { PubSub } from './types';
import { LocalPubSub } from './local';

export async function openPubSub(redisUrl: string | undefined, instanceId: string, log?: Logger): Promise<PubSub> {
  if (!redisUrl) return new LocalPubSub();
  const { RedisPubSub } = await import('./redis');
  return RedisPubSub.connect(redisUrl, instanceId, log ? { onError: (err) => log.warn({ err: String(err) }, 'redis error') } : {});
}
