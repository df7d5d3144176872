/** The pub/sub contract on the in-process implementation (one instance: delivers to nobody). */
import { LocalPubSub } from '../../server/src/pubsub/local';
import { runPubSubContract } from './pubsub.contract';

runPubSubContract('local', async () => ({
  open: async () => new LocalPubSub(),
  fansOut: false,
  teardown: async () => {},
}));
