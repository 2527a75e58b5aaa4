package io.zkwatch.daemon.poll;

import io.zkwatch.daemon.config.EnsembleSettings;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkwatch.daemon.config.HostPort;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every member of one ensemble. Each member has its own cheap-poll task, so a dead or paused member only
 * ever delays itself; dumps go through one loop per ensemble, so at most one dump is in flight per ensemble.
 * Members the ensemble reports in its membership but that are not configured are discovered and polled too.
 */
public final class EnsemblePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("zkwatch.poll");

    private final String ensemble;
    private final List<HostPort> configured;
    private final EnsembleSettings settings;
    private final MemberTransports.Factory endpoints;
    private final CollectorSet collectors;
    private final SnapshotStore store;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Clock clock;
    private final RandomGenerator random;
    private final CommandRunner runner;
    private final StateLog log;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> dumpLoop;
    private volatile SnapshotStore.Slot slot;

    /** A member's poller and its schedule. */
    private record Member(MemberPoller poller, ScheduledFuture<?> schedule, AtomicBoolean running) {
    }

    public EnsemblePoller(String ensemble, List<HostPort> configured, EnsembleSettings settings,
                          MemberTransports.Factory endpoints, CollectorSet collectors, SnapshotStore store,
                          ScheduledExecutorService scheduler, ExecutorService workers, MeterRegistry meters,
                          Clock clock, RandomGenerator random) {
        if (configured.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.ensemble = ensemble;
        this.configured = List.copyOf(configured);
        this.settings = settings;
        this.endpoints = endpoints;
        this.collectors = collectors;
        this.store = store;
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
        this.random = random;
        this.runner = new CommandRunner(ensemble, settings.source(), meters);
        this.log = new StateLog(ensemble);
    }

    public String ensemble() {
        return ensemble;
    }

    public synchronized void start() {
        slot = store.register(ensemble, clock.instant());
        for (HostPort hp : configured) {
            add(hp, MemberOrigin.CONFIGURED, "configured");
        }
        dumpLoop = scheduler.scheduleWithFixedDelay(() -> submit(this::dumpRound, dumpRunning),
                1, 1, TimeUnit.SECONDS);
    }

    private final AtomicBoolean dumpRunning = new AtomicBoolean();

    /** One pass over the members whose dump is due, one member after the other. */
    private void dumpRound() {
        for (Member m : List.copyOf(members.values())) {
            if (closed.get()) {
                return;
            }
            m.poller().pollDumpsIfDue();
        }
    }

    private void add(HostPort hp, MemberOrigin origin, String why) {
        String server = hp.toString();
        if (members.containsKey(server) || closed.get()) {
            return;
        }
        MemberPoller poller = new MemberPoller(ensemble, endpoints.create(hp.host(), hp.port()), origin, runner,
                collectors, slot, settings, log, clock, random);
        slot.update(s -> s.withMember(server, m -> m, origin, s.updatedAt()));
        AtomicBoolean running = new AtomicBoolean();
        long initialDelay = (long) (random.nextDouble() * Math.min(1000, settings.pollInterval().toMillis() / 4));
        ScheduledFuture<?> schedule = scheduler.scheduleAtFixedRate(
                () -> submit(() -> {
                    poller.pollCheap();
                    discover(poller.server());
                }, running),
                initialDelay, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        members.put(server, new Member(poller, schedule, running));
        log.added(server, why);
    }

    /**
     * Hands a task to the worker pool unless the previous run of the same task is still going: a slow member
     * skips a beat instead of piling up polls.
     */
    private void submit(Runnable task, AtomicBoolean running) {
        if (closed.get() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("ensemble={} poll task failed unexpectedly", ensemble, e);
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(false);
        }
    }

    /**
     * Reconciles the polled members with the membership the given member reports (see {@link MembershipPlan}):
     * members it lists that are not polled yet are added, configured members it does not list are marked, and
     * discovered members that left are dropped.
     */
    private synchronized void discover(String reporter) {
        if (!settings.discover() || closed.get()) {
            return;
        }
        EnsembleSnapshot snap = slot.get();
        Optional<ServerConfig.Membership> membership = snap.member(reporter)
                .filter(MemberSnapshot::up)
                .flatMap(MemberSnapshot::config).map(Timed::value).flatMap(ServerConfig::membership);
        if (membership.isEmpty() || membership.get().members().isEmpty()) {
            return;
        }
        Set<String> configuredCanonical = new LinkedHashSet<>();
        configured.forEach(hp -> configuredCanonical.add(canonical(hp.host() + ":" + hp.port())));
        List<MembershipPlan.Polled> polled = new ArrayList<>();
        for (Map.Entry<String, Member> e : members.entrySet()) {
            HostPort address = HostPort.parse(e.getKey());
            polled.add(new MembershipPlan.Polled(e.getKey(), address,
                    configuredCanonical.contains(canonical(address.host() + ":" + address.port())),
                    e.getValue().poller().origin(),
                    snap.member(e.getKey()).flatMap(MemberSnapshot::config).map(Timed::value)));
        }
        MembershipPlan.Plan plan = new MembershipPlan(EnsemblePoller::canonical)
                .plan(HostPort.parse(reporter), membership.get(), polled);
        plan.add().forEach((hp, id) -> add(hp, MemberOrigin.DISCOVERED,
                "found as server." + id + " in the membership reported by " + reporter));
        plan.origins().forEach((server, origin) -> {
            Member m = members.get(server);
            if (m != null && m.poller().origin() != origin) {
                m.poller().origin(origin);
                log.origin(server, origin, reporter);
            }
        });
        plan.remove().forEach(server -> remove(server, "no longer in the membership reported by " + reporter));
    }

    /** Resolves a host so that {@code localhost:2181} and {@code 127.0.0.1:2181} count as one member. */
    private static String canonical(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        try {
            return InetAddress.getByName(host).getHostAddress() + hostPort.substring(colon);
        } catch (UnknownHostException e) {
            return hostPort;
        }
    }

    private void remove(String server, String why) {
        Member m = members.remove(server);
        if (m != null) {
            m.schedule().cancel(false);
            runner.forget(server);
            slot.update(s -> s.withoutMember(server, clock.instant()));
            log.removed(server, why);
        }
    }

    /** The servers being polled, in no particular order. */
    public List<String> servers() {
        return new ArrayList<>(members.keySet());
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.close();
        if (dumpLoop != null) {
            dumpLoop.cancel(false);
        }
        members.values().forEach(m -> m.schedule().cancel(false));
        members.clear();
        runner.close();
        if (slot != null) {
            store.remove(slot);
        }
    }

    /** Waits (bounded) for this ensemble's first complete poll; used by readiness. */
    public boolean polledOnce() {
        SnapshotStore.Slot s = slot;
        return s != null && s.get().complete();
    }

    Duration pollInterval() {
        return settings.pollInterval();
    }
}
