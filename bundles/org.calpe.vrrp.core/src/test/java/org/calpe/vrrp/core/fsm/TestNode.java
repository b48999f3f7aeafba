package org.calpe.vrrp.core.fsm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;

/** One instance under test: its machine, a recording sink and optionally a LAN that carries its adverts. */
final class TestNode {
    final VirtualTime time;
    final InetAddress address;
    final InstanceStateMachine fsm;
    final List<VrrpAction> actions = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    final List<TestNode> lan = new ArrayList<>();
    boolean connected = true;

    TestNode(VirtualTime time, InstanceConfig.Builder config, String address) {
        this.time = time;
        this.address = ip(address);
        InstanceStateMachine[] self = new InstanceStateMachine[1];
        this.fsm = new InstanceStateMachine(config.primaryAddress(this.address).build(),
                time.scheduler(t -> self[0].timerFired(t)), this::record);
        self[0] = fsm;
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void record(VrrpAction a) {
        actions.add(a);
        times.add(time.now());
        if (a instanceof VrrpAction.SendAdvert s && connected) {
            ReceivedAdvert adv = new ReceivedAdvert(address, s.priority(), fsm.config().advertIntervalMicros());
            for (TestNode peer : lan) {
                time.at(0, () -> {
                    if (peer.connected) {
                        peer.fsm.advertReceived(adv);
                    }
                });
            }
        }
    }

    static void connect(TestNode... nodes) {
        for (TestNode a : nodes) {
            for (TestNode b : nodes) {
                if (a != b) {
                    a.lan.add(b);
                }
            }
        }
    }

    void receive(String from, int priority) {
        fsm.advertReceived(new ReceivedAdvert(ip(from), priority, fsm.config().advertIntervalMicros()));
    }

    void receive(String from, int priority, long intervalMicros) {
        fsm.advertReceived(new ReceivedAdvert(ip(from), priority, intervalMicros));
    }

    VrrpState state() {
        return fsm.state();
    }

    List<String> logs() {
        List<String> out = new ArrayList<>();
        for (VrrpAction a : actions) {
            if (a instanceof VrrpAction.Log l) {
                out.add(l.message());
            }
        }
        return out;
    }

    List<Integer> sent() {
        List<Integer> out = new ArrayList<>();
        for (VrrpAction a : actions) {
            if (a instanceof VrrpAction.SendAdvert s) {
                out.add(s.priority());
            }
        }
        return out;
    }

    List<VrrpAction.StateChanged> transitions() {
        List<VrrpAction.StateChanged> out = new ArrayList<>();
        for (VrrpAction a : actions) {
            if (a instanceof VrrpAction.StateChanged s) {
                out.add(s);
            }
        }
        return out;
    }

    /** The actions other than log lines. */
    List<VrrpAction> effects() {
        List<VrrpAction> out = new ArrayList<>();
        for (VrrpAction a : actions) {
            if (!(a instanceof VrrpAction.Log)) {
                out.add(a);
            }
        }
        return out;
    }

    /** When the node first entered {@code state}, or -1. */
    long firstTime(VrrpState state) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof VrrpAction.StateChanged c && c.to() == state) {
                return times.get(i);
            }
        }
        return -1;
    }

    void clear() {
        times.clear();
        actions.clear();
    }
}
