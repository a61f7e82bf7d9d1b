package dev.tollgate.host.requests;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The live request log across nodes, through Redis pub/sub ({@code request-log.redis}): each node
 * publishes its entries in batches (every 100 ms, one message) on {@value #CHANNEL}, and hands the
 * other nodes' to its stream readers. Off the request path: the proxy only queues; a full queue
 * drops entries for the cluster (the node's own log keeps them). Redis down: the node's own
 * entries still stream, and the feed reconnects.
 */
public final class ClusterFeed implements AutoCloseable {
    static final String CHANNEL = "tollgate:requests";
    private static final System.Logger LOG = System.getLogger(ClusterFeed.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> BATCH = new TypeReference<>() {};
    private static final int QUEUE = 10_000;
    private static final int BATCH_MAX = 500;

    private final HostAndPort redis;
    private final RequestLog log;
    private final BlockingQueue<RequestEntry> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private final Thread publisher;
    private final Thread subscriber;
    private volatile boolean closed;
    private volatile JedisPubSub pubSub;

    private ClusterFeed(HostAndPort redis, RequestLog log) {
        this.redis = redis;
        this.log = log;
        this.publisher = Thread.ofVirtual().name("tollgate-request-log-publish").unstarted(this::publish);
        this.subscriber = Thread.ofVirtual().name("tollgate-request-log-subscribe").unstarted(this::subscribe);
    }

    /** Starts sharing {@code log}'s entries through the Redis at {@code hostPort}. */
    public static ClusterFeed start(String hostPort, RequestLog log) {
        ClusterFeed feed = new ClusterFeed(HostAndPort.from(hostPort), log);
        log.share(feed);
        feed.publisher.start();
        feed.subscriber.start();
        return feed;
    }

    void publish(RequestEntry e) {
        outgoing.offer(e); // full: the cluster misses it, the node's log has it
    }

    /** A connection; {@code socketTimeoutMillis} 0 waits for ever (a subscriber between messages). */
    private Jedis connect(int socketTimeoutMillis) {
        return new Jedis(redis, DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000)
                .socketTimeoutMillis(socketTimeoutMillis).clientName("tollgate-request-log").build());
    }

    private void publish() {
        Jedis jedis = null;
        List<Map<String, Object>> batch = new ArrayList<>();
        while (!closed) {
            try {
                RequestEntry first = outgoing.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first.toMap());
                List<RequestEntry> more = new ArrayList<>();
                outgoing.drainTo(more, BATCH_MAX - 1);
                more.forEach(e -> batch.add(e.toMap()));
                if (jedis == null) {
                    jedis = connect(5000);
                }
                jedis.publish(CHANNEL, JSON.writeValueAsString(batch));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(Level.DEBUG, () -> "request log: publishing to Redis " + redis + " failed: " + e.getMessage());
                close(jedis);
                jedis = null;
                pause(1000);
            }
        }
        close(jedis);
    }

    private void subscribe() {
        long backoff = 500;
        while (!closed) {
            try (Jedis jedis = connect(0)) {
                JedisPubSub ps = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        deliver(message);
                    }
                };
                pubSub = ps;
                backoff = 500;
                jedis.subscribe(ps, CHANNEL);
            } catch (Exception e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, () -> "request log: Redis " + redis + " subscription lost: " + e.getMessage());
                }
            }
            pause(backoff);
            backoff = Math.min(10_000, backoff * 2);
        }
    }

    private void deliver(String message) {
        try {
            for (Map<String, Object> entry : JSON.readValue(message, BATCH)) {
                if (!log.node().equals(entry.get("node_id"))) {
                    log.fromCluster(entry);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "request log: an unreadable message on " + CHANNEL + ": " + e.getMessage());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // closing a broken connection
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub ps = pubSub;
        if (ps != null) {
            try {
                ps.unsubscribe();
            } catch (RuntimeException ignored) {
                // not subscribed
            }
        }
        publisher.interrupt();
        subscriber.interrupt();
    }
}
