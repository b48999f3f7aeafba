package org.calpe.net.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Closeable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LinkMonitorTest {

    /** A monitor that delivers one event of each kind as soon as it is watched. */
    private static final class OneOfEach implements LinkMonitor {
        final List<NetlinkEvent> events;

        OneOfEach(List<NetlinkEvent> events) {
            this.events = events;
        }

        @Override
        public List<LinkInfo> links(NetNamespace namespace) {
            return List.of();
        }

        @Override
        public Optional<LinkInfo> link(NetNamespace namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<LinkInfo> link(NetNamespace namespace, int ifindex) {
            return Optional.empty();
        }

        @Override
        public Closeable watch(NetNamespace namespace, NetlinkListener listener) {
            events.forEach(listener::changed);
            return () -> {
            };
        }
    }

    @Test
    void theDefaultLinksOnlyWatchPassesOnLinksAndOverrunsButNoAddresses() throws Exception {
        NetlinkEvent link = new NetlinkEvent.LinkChanged(new LinkInfo(2, "eth0", MacAddress.parse("02:00:00:00:00:01"),
                LinkInfo.FLAG_UP, 1500, 0), false);
        NetlinkEvent address = new NetlinkEvent.AddressChanged(
                InterfaceAddress.of(2, InetAddress.getByName("198.18.0.1"), 32), false);
        NetlinkEvent overrun = new NetlinkEvent.Overrun();
        LinkMonitor m = new OneOfEach(List.of(link, address, overrun));

        List<NetlinkEvent> got = new ArrayList<>();
        try (Closeable c = m.watchLinks(NetNamespace.CURRENT, got::add)) {
            assertEquals(List.of(link, overrun), got);
        }
        got.clear();
        try (Closeable c = m.watch(NetNamespace.CURRENT, got::add)) {
            assertEquals(List.of(link, address, overrun), got);
        }
    }
}
