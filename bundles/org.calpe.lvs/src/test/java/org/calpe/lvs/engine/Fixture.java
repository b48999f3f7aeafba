package org.calpe.lvs.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.calpe.check.api.CheckTopics;

/** An engine on virtual time with a fake TCP_CHECK, and Config Admin-shaped configurations. */
final class Fixture {
    static final String VS = "org.calpe.lvs.VirtualServer~198.18.0.10_80_TCP";
    static final String RS = "org.calpe.lvs.RealServer~198.18.0.10_80_TCP__198.18.1.1_80";
    static final String TCP0 = "org.calpe.check.Tcp~198.18.0.10_80_TCP__198.18.1.1_80__TCP_CHECK_0";
    static final String VS_NAME = "[198.18.0.10]:tcp:80";
    static final String RS_NAME = "[198.18.1.1]:tcp:80";
    static final long S = 1_000_000L;

    final ManualLoop loop = new ManualLoop();
    final RecordingOutput out = new RecordingOutput();
    final FakeChecker tcp = new FakeChecker("TCP_CHECK", loop::millis);
    final CheckEngine engine;

    Fixture() {
        this(new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        });
    }

    Fixture(RandomGenerator random) {
        engine = new CheckEngine(loop, out, random, Duration.ofSeconds(10), Duration.ZERO);
    }

    Fixture bindTcp() {
        engine.bindChecker("TCP_CHECK", tcp);
        return this;
    }

    static Map<String, Object> vs(Object... kv) {
        Map<String, Object> m = map(kv);
        m.putIfAbsent("calpe.address", "198.18.0.10");
        m.putIfAbsent("calpe.port", 80);
        m.putIfAbsent("protocol", "TCP");
        m.putIfAbsent("delay_loop", 10 * S);
        return m;
    }

    static Map<String, Object> rs(Object... kv) {
        return rsAt("198.18.1.1", 80, kv);
    }

    static Map<String, Object> rsAt(String ip, int port, Object... kv) {
        Map<String, Object> m = map(kv);
        m.putIfAbsent("calpe.address", ip);
        m.putIfAbsent("calpe.port", port);
        m.putIfAbsent("calpe.virtual_server", VS);
        m.putIfAbsent("weight", 1L);
        return m;
    }

    static Map<String, Object> tcp(int index, Object... kv) {
        return checker("TCP_CHECK", index, RS, kv);
    }

    static Map<String, Object> checker(String type, int index, String rsPid, Object... kv) {
        Map<String, Object> m = map(kv);
        m.putIfAbsent("calpe.checker", type);
        m.putIfAbsent("calpe.index", index);
        m.putIfAbsent("calpe.real_server", rsPid);
        m.putIfAbsent("calpe.virtual_server", VS);
        m.putIfAbsent("warmup", 0L);
        return m;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** One VS, one RS, one TCP_CHECK with the given checker keywords; applied at once. */
    Fixture simple(Object... checkerKv) {
        engine.updateVirtualServer(VS, vs());
        engine.updateRealServer(RS, rs());
        engine.updateChecker(TCP0, tcp(0, checkerKv));
        loop.advance(Duration.ZERO);
        return this;
    }

    void advance(double seconds) {
        loop.advance(Duration.ofNanos((long) (seconds * 1e9)));
    }

    List<String> serverTopics() {
        return out.topics().stream().filter(t -> t.contains("/RealServer/")).toList();
    }

    List<RecordingOutput.Posted> events(String topic) {
        return out.events.stream().filter(e -> e.topic().equals(topic)).toList();
    }

    static final String UP = CheckTopics.REAL_SERVER_UP;
    static final String DOWN = CheckTopics.REAL_SERVER_DOWN;
}
